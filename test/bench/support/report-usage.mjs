// Preloaded (`node --import`) into a process a benchmark measures: at exit, one line on stderr with the
// process's wall time and peak resident memory, which the benchmark parses.
const started = performance.now();
process.on('exit', () => {
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`bench-usage ${seconds.toFixed(2)} ${process.resourceUsage().maxRSS}\n`);
});
