console.log('build: stub')
