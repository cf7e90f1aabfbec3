import { spawn } from 'node:child_process';
import { cpuPerBoom, cpuTabel, leesPrometheus, tijdenTabel, tussen } from '../../scripts/bench-tijden';

// bench:last's breakdown (issue 14): the figures it prints are only as good as this arithmetic.
const voor = leesPrometheus(`
# HELP temporal_workflow_task_execution_latency x
# TYPE temporal_workflow_task_execution_latency histogram
temporal_workflow_task_execution_latency_sum{task_queue="inburgering",workflow_type="trajectWorkflow"} 1.5
temporal_workflow_task_execution_latency_count{task_queue="inburgering",workflow_type="trajectWorkflow"} 100
temporal_workflow_task_execution_latency_count{task_queue="anders",workflow_type="x"} 7
temporal_request_latency_sum{operation="RespondWorkflowTaskCompleted"} 0.2
temporal_request_latency_count{operation="RespondWorkflowTaskCompleted"} 10
temporal_request_latency_sum{operation="PollWorkflowTaskQueue"} 99
temporal_request_latency_count{operation="PollWorkflowTaskQueue"} 1
http_request_duration_seconds_sum{method="POST",route="/api/v1/trajecten/:id/:commando",status="200",x="a \\"b\\" c"} 4
http_request_duration_seconds_count{method="POST",route="/api/v1/trajecten/:id/:commando",status="200",x="a \\"b\\" c"} 100
`);

describe('bench:last, waar de tijd heen gaat', () => {
  it('leest Prometheus-tekst: naam, labels (ook met aanhalingstekens), waarde; commentaar niet', () => {
    expect(voor).toHaveLength(9);
    expect(voor[7]).toEqual({
      naam: 'http_request_duration_seconds_sum',
      labels: {
        method: 'POST',
        route: '/api/v1/trajecten/:id/:commando',
        status: '200',
        x: 'a \\"b\\" c',
      },
      waarde: 4,
    });
  });

  it('het gemiddelde tussen twee metingen telt alleen wat erbij kwam, en alleen de gekozen reeksen', () => {
    const na = leesPrometheus(`
temporal_workflow_task_execution_latency_sum{task_queue="inburgering",workflow_type="trajectWorkflow"} 2.1
temporal_workflow_task_execution_latency_count{task_queue="inburgering",workflow_type="trajectWorkflow"} 120
temporal_workflow_task_execution_latency_count{task_queue="anders",workflow_type="x"} 70
temporal_request_latency_sum{operation="RespondWorkflowTaskCompleted"} 0.5
temporal_request_latency_count{operation="RespondWorkflowTaskCompleted"} 30
`);
    const wft = tussen(voor, na, 'temporal_workflow_task_execution_latency', { task_queue: 'inburgering' });
    expect(wft.aantal).toBe(20);
    expect(wft.gemiddeldMs).toBeCloseTo(30); // 0.6 s over 20
    const respond = tussen(voor, na, 'temporal_request_latency', {
      operation: 'RespondWorkflowTaskCompleted',
    });
    expect(respond).toEqual({ aantal: 20, gemiddeldMs: expect.closeTo(15) });
    // Nothing new: no mean (not 0 ms, which would read as free).
    expect(tussen(voor, voor, 'temporal_request_latency').gemiddeldMs).toBeNaN();
  });

  it('de tabel zet onze stappen naast die van de kale Update; wat er niet is staat als —', () => {
    const na = leesPrometheus(`
temporal_workflow_task_execution_latency_sum{task_queue="inburgering",workflow_type="trajectWorkflow"} 3.5
temporal_workflow_task_execution_latency_count{task_queue="inburgering",workflow_type="trajectWorkflow"} 200
http_request_duration_seconds_sum{method="POST",route="/api/v1/trajecten/:id/:commando",status="200"} 6
http_request_duration_seconds_count{method="POST",route="/api/v1/trajecten/:id/:commando",status="200"} 150
`);
    const tabel = tijdenTabel(
      { clientMs: 50, commandos: 50, voor, na, taskQueue: 'inburgering', api: { voor, na } },
      { clientMs: 20, commandos: 10, voor: [], na: [], taskQueue: 'kaal' },
    );
    expect(tabel).toContain('| antwoord bij de client | 50.0 ms | 20.0 ms |');
    // (6 − 4) s over 50 requests.
    expect(tabel).toContain('in de API (HTTP-verzoek van een commando) | 40.0 ms | — |');
    // (3.5 − 1.5) s over 100 workflow tasks, and 100 tasks for 50 commands.
    expect(tabel).toMatch(/workflow task in de worker \(activering tot afmelden\) \| 20\.0 ms \| — \|/);
    expect(tabel).toContain('| workflow tasks per commando | 2.00 | — |');
  });

  it('CPU per proces telt de kinderen mee, ook die al klaar zijn', async () => {
    // A child that burns CPU and ends: its time moves into this process's cutime, it does not vanish.
    const voorBoom = cpuPerBoom({ ik: process.pid });
    await new Promise<void>((resolve, reject) => {
      const kind = spawn(process.execPath, ['-e', 'const e = Date.now() + 300; while (Date.now() < e) {}']);
      kind.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
    });
    const naBoom = cpuPerBoom({ ik: process.pid, weg: undefined });
    expect(Object.keys(naBoom)).toEqual(['ik']);
    expect(naBoom.ik - voorBoom.ik).toBeGreaterThanOrEqual(0.2);
    expect(cpuTabel([{ naam: 'ons', voor: { a: 1, b: 2 }, na: { a: 1.5, b: 2.1 }, commandos: 100 }])).toBe(
      '| CPU per commando (ms) | a | b | samen |\n|---|---|---|---|\n| ons | 5.0 | 1.0 | 6.0 |',
    );
  });
});
