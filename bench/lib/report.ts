/** The benchmark's figures and the Markdown table they are printed as. */

/** One measured run against one server. */
export interface Measure {
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** The server process's user + system CPU time per request (all its threads). */
  cpuUsPerReq: number;
  /** PostgreSQL backends' CPU time per request (null on PGlite, which runs inside the server). */
  dbCpuUsPerReq: number | null;
  /** Non-2xx answers, socket errors and timeouts (should be 0). */
  failures: number;
  /** The machine's 1-minute load average when the run ended (other work competing for the cores). */
  loadAverage: number;
}

export interface PageResult {
  /** `visitor`, `signed-in`, or one of issue 3's pages on the scale fixture (`directory`, `body-signed-in`…). */
  page: string;
  path: string;
  database: 'pglite' | 'postgres';
  bytes: number;
  /** The X-Render-Cache header of a repeated visit (`hit` when the cache served it). */
  renderCache: string | null;
  ours: Measure;
  bare: Measure;
  /** The Teixit server's resident memory after all its runs. */
  rssMb: number;
  peakRssMb: number;
}

/** Share of the bare server's efficiency: bare CPU ÷ our CPU, and our req/s ÷ bare req/s. */
export function ratios(result: PageResult): { cpu: number; reqPerSec: number } {
  return {
    cpu: Math.round((result.bare.cpuUsPerReq / result.ours.cpuUsPerReq) * 1000) / 1000,
    reqPerSec: Math.round((result.ours.reqPerSec / result.bare.reqPerSec) * 1000) / 1000,
  };
}

/** The figures as the Markdown table kept in bench/README.md. */
export function markdownTable(results: PageResult[]): string {
  const head = [
    '| Page | Database | CPU µs/req (ours · bare) | CPU ratio | req/s (ours · bare) | req/s ratio | p99 ms (ours · bare) | PostgreSQL µs/req | RSS after MB | load |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const rows = results.map((r) => {
    const ratio = ratios(r);
    const page = `${r.page} \`${r.path}\`${r.renderCache ? ` (cache ${r.renderCache})` : ''}`;
    const failures = r.ours.failures || r.bare.failures ? ` ⚠ ${r.ours.failures}/${r.bare.failures} failed` : '';
    return `| ${page} | ${r.database} | ${r.ours.cpuUsPerReq} · ${r.bare.cpuUsPerReq} | **${ratio.cpu.toFixed(2)}** | ${r.ours.reqPerSec} · ${r.bare.reqPerSec}${failures} | ${ratio.reqPerSec.toFixed(2)} | ${r.ours.p99Ms} · ${r.bare.p99Ms} | ${r.ours.dbCpuUsPerReq ?? '–'} | ${r.rssMb} | ${r.ours.loadAverage} · ${r.bare.loadAverage} |`;
  });
  return [...head, ...rows].join('\n');
}
