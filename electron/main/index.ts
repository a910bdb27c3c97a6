import electron from 'electron';
console.log(electron.app.getName());
