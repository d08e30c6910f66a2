// Preloaded (`node --import`) into a process a benchmark measures: at exit, one line on stderr with the
// process's wall time, peak resident memory (kB) and CPU time (user + system, s), which the benchmark parses.
const started = performance.now();
process.on('exit', () => {
  const seconds = (performance.now() - started) / 1000;
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  const cpu = (userCPUTime + systemCPUTime) / 1e6;
  process.stderr.write(`bench-usage ${seconds.toFixed(2)} ${maxRSS} ${cpu.toFixed(2)}\n`);
});
