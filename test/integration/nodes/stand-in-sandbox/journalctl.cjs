// Stand-in for out/sandbox/journalctl.cjs.
process.stdout.write(`stand-in journalctl ${process.argv.slice(2).join(' ')}\n`);
