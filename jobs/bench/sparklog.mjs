#!/usr/bin/env node
// sparklog.mjs — where a job run's time went, from its Spark event log (jobs/bench.sh enables
// spark.eventLog for every job run it makes).
//
//   node sparklog.mjs EVENT_LOG_FILE [--plans OUT.txt] [--top N]
//
// Prints (Markdown): how many Spark jobs, stages, tasks and SQL executions the run made; per job
// description (what RunJob sets: "bronze: append N files", "silver (FULL)", "gold", …; Delta's own
// jobs inherit it) the stage wall time, task time and bytes read / shuffled; the N longest
// stages with their call site. With --plans, writes the physical plans of the N longest SQL
// executions (the final, adaptive plan when AQE re-planned) to OUT.txt.
import fs from 'node:fs';
import readline from 'node:readline';

const argv = process.argv.slice(2);
const file = argv[0];
let plansOut = null;
let top = 12;
for (let i = 1; i < argv.length; i++) {
  if (argv[i] === '--plans') plansOut = argv[++i];
  else if (argv[i] === '--top') top = Number(argv[++i]);
}
if (!file) {
  process.stderr.write('usage: node sparklog.mjs EVENT_LOG_FILE [--plans OUT.txt] [--top N]\n');
  process.exit(2);
}

const jobs = new Map();      // job id -> { desc, stages: [], submit, end }
const stageJob = new Map();  // stage id -> job id
const stages = [];           // completed stage infos
const sql = new Map();       // execution id -> { desc, start, end, plan }
let tasks = 0;
let appStart = null;
let appEnd = null;

const acc = (info, name) => {
  for (const a of info.Accumulables || []) if (a.Name === name) return Number(a.Value) || 0;
  return 0;
};

const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
for await (const line of rl) {
  if (!line) continue;
  // Cheap filter before parsing: task events are most of the file.
  if (line.startsWith('{"Event":"SparkListenerTaskEnd"')) { tasks++; continue; }
  if (line.startsWith('{"Event":"SparkListenerTaskStart"') || line.startsWith('{"Event":"SparkListenerTaskGettingResult"')) continue;
  let e;
  try { e = JSON.parse(line); } catch { continue; }
  switch (e.Event) {
    case 'SparkListenerApplicationStart': appStart = e.Timestamp; break;
    case 'SparkListenerApplicationEnd': appEnd = e.Timestamp; break;
    case 'SparkListenerJobStart': {
      const p = e.Properties || {};
      const desc = p['spark.job.description'] || '(no description)';
      jobs.set(e['Job ID'], { desc, stages: e['Stage IDs'] || [], submit: e['Submission Time'], sqlId: p['spark.sql.execution.id'] });
      for (const s of e['Stage IDs'] || []) stageJob.set(s, e['Job ID']);
      break;
    }
    case 'SparkListenerJobEnd': { const j = jobs.get(e['Job ID']); if (j) j.end = e['Completion Time']; break; }
    case 'SparkListenerStageCompleted': {
      const s = e['Stage Info'];
      stages.push({
        id: s['Stage ID'], name: s['Stage Name'], tasks: s['Number of Tasks'],
        seconds: ((s['Completion Time'] || 0) - (s['Submission Time'] || 0)) / 1000,
        runS: acc(s, 'internal.metrics.executorRunTime') / 1000,
        inBytes: acc(s, 'internal.metrics.input.bytesRead'),
        shufR: acc(s, 'internal.metrics.shuffle.read.remoteBytesRead') + acc(s, 'internal.metrics.shuffle.read.localBytesRead'),
        shufW: acc(s, 'internal.metrics.shuffle.write.bytesWritten'),
        spill: acc(s, 'internal.metrics.diskBytesSpilled'),
        gcS: acc(s, 'internal.metrics.jvmGCTime') / 1000,
      });
      break;
    }
    case 'org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart':
      sql.set(e.executionId, { desc: e.description, start: e.time, plan: e.physicalPlanDescription });
      break;
    case 'org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveExecutionUpdate': {
      const x = sql.get(e.executionId);
      if (x) x.plan = e.physicalPlanDescription;
      break;
    }
    case 'org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd': {
      const x = sql.get(e.executionId);
      if (x) x.end = e.time;
      break;
    }
    default:
  }
}

const mb = (b) => (b / 1048576).toFixed(0);
const f1 = (x) => x.toFixed(1);
const out = [];
out.push(`Spark: ${jobs.size} jobs, ${stages.length} stages, ${tasks} tasks, ${sql.size} SQL executions`
  + (appStart && appEnd ? ` in ${f1((appEnd - appStart) / 1000)} s of application time` : '') + '.');
out.push('');
const groups = new Map();
for (const s of stages) {
  const j = jobs.get(stageJob.get(s.id));
  const desc = j ? j.desc : '(unknown)';
  const g = groups.get(desc) || { jobs: new Set(), stages: 0, tasks: 0, seconds: 0, runS: 0, inBytes: 0, shuf: 0, spill: 0, gcS: 0 };
  g.jobs.add(stageJob.get(s.id));
  g.stages++; g.tasks += s.tasks; g.seconds += s.seconds; g.runS += s.runS; g.inBytes += s.inBytes;
  g.shuf += s.shufW; g.spill += s.spill; g.gcS += s.gcS;
  groups.set(desc, g);
}
out.push('| job description | Spark jobs | stages | tasks | stage wall s | task time s | GC s | input MiB | shuffle written MiB | spilled MiB |');
out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [desc, g] of groups) {
  out.push(`| ${desc} | ${g.jobs.size} | ${g.stages} | ${g.tasks} | ${f1(g.seconds)} | ${f1(g.runS)} | ${f1(g.gcS)} | ${mb(g.inBytes)} | ${mb(g.shuf)} | ${mb(g.spill)} |`);
}
out.push('');
out.push(`Longest ${top} stages:`);
out.push('');
out.push('| stage | job description | call site | tasks | wall s | task time s | input MiB | shuffle read / written MiB |');
out.push('| ---: | --- | --- | ---: | ---: | ---: | ---: | --- |');
for (const s of [...stages].sort((a, b) => b.seconds - a.seconds).slice(0, top)) {
  const j = jobs.get(stageJob.get(s.id));
  out.push(`| ${s.id} | ${j ? j.desc : ''} | ${s.name} | ${s.tasks} | ${f1(s.seconds)} | ${f1(s.runS)} | ${mb(s.inBytes)} | ${mb(s.shufR)} / ${mb(s.shufW)} |`);
}
process.stdout.write(`${out.join('\n')}\n`);

if (plansOut) {
  const longest = [...sql.entries()].filter(([, x]) => x.end).sort((a, b) => (b[1].end - b[1].start) - (a[1].end - a[1].start)).slice(0, top);
  const text = longest.map(([id, x]) => `==== SQL execution ${id}: ${f1((x.end - x.start) / 1000)} s — ${x.desc}\n${x.plan}\n`).join('\n');
  fs.writeFileSync(plansOut, text);
}
