#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// The process edge: the only place that acts on the exit code. After a second Ctrl-C the run is abandoned
// while its workers and sockets are still open, so an interrupted run ends the process at once.
main(process.argv).then((code) => {
  if (code === 130) process.exit(code);
  process.exitCode = code;
});
