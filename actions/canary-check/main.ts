import { maskSecrets } from '../../src/door/commands.js';
import { Inputs } from '../../src/action/inputs.js';
import { run } from '../../src/door/run.js';
import { readCanaryCheckInputs, readCanaryMetrics } from '../../src/canary/canary-check-inputs.js';

await run('canary-check', async () => {
  const inputs = readCanaryCheckInputs(new Inputs());
  maskSecrets(...inputs.secrets);
  const metrics = await readCanaryMetrics(inputs);
  if (new Inputs().boolean('validate-only', false)) {
    const { log } = await import('../../src/door/report.js');
    return log.info(`canary-check: the inputs and ${metrics.length} metrics are valid; nothing was queried`);
  }
  const [{ canaryCheck, canaryCheckReport, canaryCheckSummary, decisionMessage }, { createProvider }, report] = await Promise.all([
    import('../../src/canary/canary-check.js'),
    import('../../src/canary/providers/index.js'),
    import('../../src/door/report.js'),
  ]);
  const provider = createProvider(inputs, { logger: report.log });
  const result = await canaryCheck(metrics, inputs, { provider, logger: report.log });
  report.setOutputs({ decision: result.decision, score: result.score, report: JSON.stringify(canaryCheckReport(result)) });
  await report.writeSummary(canaryCheckSummary(result));
  const message = decisionMessage(result);
  if (inputs.failOn.includes(result.decision)) throw new Error(message);
  if (result.decision === 'pass') report.log.info(message);
  else report.log.warning(message);
});
