/**
 * `npm run testing:scenarios`: writes the scenario claims of `medcode/testing` as JSON fixtures into
 * `testing/scenarios/`, one file a scenario, for consumers that want golden inputs as files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIO_NAMES, scenario } from '../src/testing/scenarios';

const dir = join(import.meta.dirname, '..', 'testing', 'scenarios');
mkdirSync(dir, { recursive: true });
for (const name of SCENARIO_NAMES) {
  const { name: _name, ...fixture } = scenario(name);
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
}
console.log(`${SCENARIO_NAMES.length} scenarios written to testing/scenarios/`);
