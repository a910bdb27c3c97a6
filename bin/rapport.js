#!/usr/bin/env node
// Plain JavaScript on purpose: it must run, and explain itself, on a Node too old for the TypeScript CLI.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `Rapport needs Node.js 22.18 or newer (Node 24 LTS recommended); this is Node ${process.versions.node}.\n`,
  );
  process.exit(1);
}
const { runCli } = await import('../cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
