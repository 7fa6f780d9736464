// Child process: one autocannon run (programmatic API), reporting its own process
// CPU time. Usage: node bench/autocannon-runner.js <url> <connections> <durationSec>
// Prints one JSON line: { requests, durationSec, rps, cpuUs, non2xx, errors }.
import autocannon from 'autocannon';

const [url, connections, duration] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const cpu0 = process.cpuUsage();
const result = await autocannon({ url, connections, duration });
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    durationSec: result.duration,
    rps: result.requests.total / result.duration,
    cpuUs: cpu.user + cpu.system,
    non2xx: result.non2xx,
    errors: result.errors,
  }) + '\n',
);
