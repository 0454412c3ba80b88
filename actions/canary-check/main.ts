import { Inputs } from '../../src/action/inputs.js';
import { readCanaryCheckInputs, readCanaryMetrics } from '../../src/canary/canary-check-inputs.js';
import { maskSecrets } from '../../src/door/commands.js';
import { run } from '../../src/door/run.js';

await run('canary-check', async () => {
  const inputs = readCanaryCheckInputs(new Inputs());
  maskSecrets(...inputs.secrets);
  const metrics = await readCanaryMetrics(inputs);
  if (new Inputs().boolean('validate-only', false)) {
    const { log } = await import('../../src/door/report.js');
    return log.info(`canary-check: the inputs and ${metrics.length} metrics are valid; nothing was queried`);
  }
  const [{ canaryCheckStep }, { createProvider }, report] = await Promise.all([
    import('../../src/canary/canary-check.js'),
    import('../../src/canary/providers/index.js'),
    import('../../src/door/report.js'),
  ]);
  const provider = createProvider(inputs, { logger: report.log });
  await report.finish(await canaryCheckStep(metrics, inputs, { provider, logger: report.log }));
});
