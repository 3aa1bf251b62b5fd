// Stand-in for out/sandbox/kubectl.cjs.
process.stdout.write(`stand-in kubectl ${process.argv.slice(2).join(' ')}\n`);
