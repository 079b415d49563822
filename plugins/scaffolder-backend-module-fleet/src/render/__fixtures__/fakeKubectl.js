#!/usr/bin/env node
/* eslint-disable no-console */
// A stand-in for kubectl in collect-status.sh tests: answers from the fixtures in
// $FAKE_KUBECTL_FIXTURES. Pod go-templates are evaluated by the real kubectl ($REAL_KUBECTL,
// offline, one pod at a time with `annotate --local`), so the template itself is under test.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const fixtures = process.env.FAKE_KUBECTL_FIXTURES;
const args = process.argv.slice(2);
const read = name => fs.readFileSync(path.join(fixtures, name), 'utf8');
fs.appendFileSync(
  path.join(fixtures, 'calls.log'),
  `${JSON.stringify(args)}\n`,
);

const pods = JSON.parse(read('pods.json'));
const output = args.find(a => a.startsWith('-o') || a.startsWith('--output'));
const outputArg = output === '-o' ? args[args.indexOf('-o') + 1] : output;

if (args[0] === 'get' && args[1] === '--raw' && args[2] === '/version') {
  process.stdout.write(read('version.json'));
} else if (args[0] === 'get' && args[1] === 'nodes') {
  // `-o jsonpath={.items}` prints the items as a JSON array.
  process.stdout.write(JSON.stringify(JSON.parse(read('nodes.json')).items));
} else if (
  args[0] === 'get' &&
  args[1] === 'pods' &&
  outputArg.startsWith('jsonpath=')
) {
  process.stdout.write(
    pods.items.map(p => p.metadata.labels?.['helm.sh/chart'] ?? '').join(' '),
  );
} else if (
  args[0] === 'get' &&
  args[1] === 'pods' &&
  outputArg.startsWith('go-template=')
) {
  const template = outputArg.slice('go-template='.length);
  const prefix = process.env.PODS_TEMPLATE_PREFIX;
  const suffix = process.env.PODS_TEMPLATE_SUFFIX;
  if (!template.startsWith(prefix) || !template.endsWith(suffix)) {
    console.error('unexpected pods template');
    process.exit(2);
  }
  const item = template.slice(prefix.length, template.length - suffix.length);
  const rendered = pods.items.map((pod, index) => {
    const file = path.join(fixtures, `pod-${index}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({ apiVersion: 'v1', kind: 'Pod', ...pod }),
    );
    return execFileSync(process.env.REAL_KUBECTL, [
      'annotate',
      '--local',
      '-f',
      file,
      'fleetdeck.io/test=1',
      '-o',
      `go-template=${item}`,
    ]).toString();
  });
  process.stdout.write(`[${rendered.join(',')}]`);
} else {
  console.error(`fake kubectl: unexpected ${args.join(' ')}`);
  process.exit(1);
}
