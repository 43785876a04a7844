#!/usr/bin/env node
// report.mjs — jobs/bench.sh's figures as Markdown (printed, and appended to docs/performance.md
// with --record). Input: the rows.tsv bench.sh writes, one line per scenario:
//   scenario records job_s job_status base_s base_records rss_kb wh_bytes gold stages base_steps
// where stages is "name=seconds;…" (the job's own "  stage  12.34 s" lines) and base_steps is
// "load_s=…;compute_s=…;write_s=…" (the baseline's summary line).
import fs from 'node:fs';
import os from 'node:os';
import { execSync } from 'node:child_process';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];

const rows = fs.readFileSync(args.rows, 'utf8').split('\n').filter(Boolean).map((l) => {
  const [scenario, records, jobS, status, baseS, baseRecords, rssKb, whBytes, gold, stages, baseSteps, jobCpu, baseCpu,
    baseRssKb] = l.split('\t');
  const num = (x) => (x === undefined || x === '' ? null : Number(x));
  return {
    scenario, records: Number(records), jobS: Number(jobS), status, baseS: baseS === '' ? null : Number(baseS),
    baseRecords: Number(baseRecords), rssKb: Number(rssKb), whBytes: Number(whBytes), gold,
    stages: Object.fromEntries((stages || '').split(';').filter(Boolean).map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)])),
    baseSteps: baseSteps || '', jobCpu: num(jobCpu), baseCpu: num(baseCpu), baseRssKb: num(baseRssKb),
  };
});

const f1 = (x) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(1));
const f2 = (x) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(2));
const int = (x) => (x ? Math.round(x).toLocaleString('en-US') : '–');
const mib = (b) => (b ? `${Math.round(b / 1048576).toLocaleString('en-US')} MiB` : '–');
const sh = (cmd) => { try { return execSync(cmd, { encoding: 'utf8' }).trim(); } catch { return '?'; } };

const cpu = os.cpus()[0]?.model?.trim() || '?';
const memGiB = (os.totalmem() / 2 ** 30).toFixed(1);
const nproc = sh('nproc');
const java = sh('java -version 2>&1 | head -1');

const out = [];
out.push(`### ${args.date} — scale ${args.scale}`);
out.push('');
out.push(`Machine: ${os.hostname()}, ${nproc} cores (${cpu}), ${memGiB} GiB RAM, ${os.type()} ${os.release()}; `
  + `${java}, Node ${process.version}. Load average (1/5/15 min) at start ${args['load-start']}, at end `
  + `${args['load-end']}. Job: commit ${args.rev}, \`--master ${args.master}\`, \`-Xmx${args.heap}\`. `
  + `Benchmark wall time ${f1(Number(args['total-s']) / 60)} min.`);
out.push('');
out.push('| scenario | records read by the job | job s | baseline s | job / baseline | job records/s | baseline records/s | job CPU s | baseline CPU s | job peak RSS | warehouse on disk | gold = baseline |');
out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of rows) {
  const ok = r.status === 'ok';
  const jobS = ok ? f1(r.jobS) : `${r.status}${r.jobS ? ` (${f1(r.jobS)})` : ''}`;
  const ratio = ok && r.baseS ? `${f2(r.jobS / r.baseS)}` : '–';
  out.push(`| ${r.scenario} | ${int(r.records)} | ${jobS} | ${r.baseS ? f1(r.baseS) : '–'} | ${ratio} | `
    + `${ok && r.records ? int(r.records / r.jobS) : '–'} | ${r.baseS && r.baseRecords ? int(r.baseRecords / r.baseS) : '–'} | `
    + `${f1(r.jobCpu)} | ${f1(r.baseCpu)} | ${r.rssKb ? mib(r.rssKb * 1024) : '–'} | ${mib(r.whBytes)} | ${r.gold} |`);
}
out.push('');
out.push('Baseline = `node baseline.mjs` (DuckDB, all cores) on the same input folder as the job: for an increment that '
  + 'is every snapshot file of the folder (its full recompute), for the job only the new file is ingested. '
  + 'Wall times are whole processes (JVM or Node start included). CPU s = user + system time of the process '
  + '(the steadier figure when other work shares the machine). Records/s = records read / wall time. Peak RSS = '
  + '"Maximum resident set size" of the job\'s JVM (GNU time; heap + off-heap, local mode so driver and executors). '
  + '`setup-…` rows build the shorter history for the flatness check and are not compared.');
out.push('');

// Per-stage breakdown.
const stageNames = [];
for (const r of rows) for (const k of Object.keys(r.stages)) if (!stageNames.includes(k)) stageNames.push(k);
if (stageNames.length) {
  out.push('Per-stage seconds (the job\'s own timings, as in `audit/runs.stage_seconds`; JVM and Spark start-up are the rest of the wall time):');
  out.push('');
  out.push(`| scenario | ${stageNames.join(' | ')} | sum of stages | job wall | baseline load / compute / write (peak RSS) |`);
  out.push(`| --- | ${stageNames.map(() => '---:').join(' | ')} | ---: | ---: | --- |`);
  for (const r of rows) {
    if (!Object.keys(r.stages).length && r.status !== 'ok') continue;
    const sum = Object.values(r.stages).reduce((a, b) => a + b, 0);
    out.push(`| ${r.scenario} | ${stageNames.map((s) => (s in r.stages ? f1(r.stages[s]) : '')).join(' | ')} | ${f1(sum)} | `
      + `${r.status === 'ok' ? f1(r.jobS) : r.status} | ${r.baseSteps.replace(/_s=/g, ' ').replace(/;/g, ' / ')}`
      + `${r.baseRssKb ? ` (${mib(r.baseRssKb * 1024)})` : ''} |`);
  }
  out.push('');
}

// Targets (issues 6, 12 and 15), when the scenarios ran.
const by = Object.fromEntries(rows.map((r) => [r.scenario, r]));
const targets = [];
const full = by['full-build'];
if (full && args.scale === 'full') {
  targets.push(full.status === 'ok' && full.baseS
    ? `full build: job / baseline = ${f2(full.jobS / full.baseS)} (target ≤ 4): ${full.jobS <= 4 * full.baseS ? 'met' : 'NOT met'}`
    : `full build: job ${full.status}: target (≤ 4 × baseline) NOT met`);
}
const incL = by[`increment-on-${args.hist}`];
const incS = by[`increment-on-${args.short}`];
if (incL && args.scale === 'full') {
  targets.push(incL.status === 'ok' && incL.baseS
    ? `daily increment on ${args.hist} snapshots: job / baseline's full recompute of ${args.hist}+1 files = `
      + `${f2(incL.jobS / incL.baseS)} (target ≤ 1.0): ${incL.jobS <= incL.baseS ? 'met' : 'NOT met'}`
    : `daily increment on ${args.hist} snapshots: ${incL.status}: target NOT met`);
}
if (incL && incS && args.scale === 'full') {
  if (incL.status === 'ok' && incS.status === 'ok') {
    const d = (incL.jobS - incS.jobS) / incS.jobS;
    targets.push(`flat in history: increment on ${args.hist} vs on ${args.short} snapshots: ${f1(incL.jobS)} s vs `
      + `${f1(incS.jobS)} s, ${d >= 0 ? '+' : ''}${(100 * d).toFixed(0)} % (target within ±25 %): ${Math.abs(d) <= 0.25 ? 'met' : 'NOT met'}`);
  } else targets.push(`flat in history: not measured (${incL.status} / ${incS.status})`);
}
for (const inc of [incL, incS]) {
  if (!inc || inc.status !== 'ok' || !('history' in inc.stages)) continue;
  const h = inc.stages.history + (inc.stages.gold_history || 0);
  targets.push(`history in the ${inc.scenario}: history ${f1(inc.stages.history)} s + gold history `
    + `${f1(inc.stages.gold_history || 0)} s = ${(100 * h / inc.jobS).toFixed(1)} % of the run (target ≤ 15 %): `
    + `${h <= 0.15 * inc.jobS ? 'met' : 'NOT met'}`);
}
const bf = by[`backfill-${args.hist}`];
if (bf && args.scale === 'full') {
  targets.push(bf.status === 'ok'
    ? `backfill of ${args.hist} snapshots: ${int(bf.records)} records in ${f1(bf.jobS)} s = ${int(bf.records / bf.jobS)} records/s under -Xmx${args.heap}: finished`
    : `backfill of ${args.hist} snapshots: ${bf.status}`);
}
if (targets.length) {
  out.push('Targets:');
  out.push('');
  for (const t of targets) out.push(`- ${t}`);
  out.push('');
}
const bad = rows.filter((r) => r.gold === 'DIFFERENT');
out.push(bad.length ? `Gold check: **DIFFERENT** from the baseline in ${bad.map((r) => r.scenario).join(', ')}.`
  : `Gold check: the job's seven gold tables equal the baseline's in every checked scenario (same rows by key, doubles to a relative 1e-9).`);
process.stdout.write(`${out.join('\n')}\n`);
