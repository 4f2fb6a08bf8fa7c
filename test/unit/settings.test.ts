import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultSettings, parseSettings, settingKeys } from '../../server/src/protocol/settings';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown; enum?: unknown[]; markdownDescription?: string }> } };
};
const properties = manifest.contributes.configuration.properties;

test('package.json contributes exactly the settings of defaultSettings', () => {
  assert.deepEqual(Object.keys(properties).sort(), settingKeys().map((k) => `corroborate.${k}`));
});

test('package.json defaults and enums agree with the settings type', () => {
  for (const key of settingKeys()) {
    const property = properties[`corroborate.${key}`];
    const expected = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], defaultSettings);
    assert.deepEqual(property.default, expected, key);
    assert.ok(property.markdownDescription && property.markdownDescription.length > 20, `${key} has a description`);
    if (property.enum) {
      for (const value of property.enum) {
        const parsed = parseSettings({ [key]: value });
        const read = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], parsed);
        assert.equal(read, value, `${key}: ${String(value)} is accepted`);
      }
    }
  }
});

test('parseSettings keeps well-formed values and defaults the rest', () => {
  assert.deepEqual(parseSettings(undefined), defaultSettings);
  assert.deepEqual(parseSettings('nonsense'), defaultSettings);
  const parsed = parseSettings({
    sources: ['refs/**', 3, ''],
    citation: { style: 'footnote' },
    severity: { conflict: 'error', unsupported: 'loud', citation: 'off' },
    checkOn: 'save',
    trace: { server: 'verbose' },
  });
  assert.deepEqual(parsed, {
    sources: ['refs/**'],
    citation: { style: 'footnote' },
    severity: { conflict: 'error', unsupported: 'information', citation: 'off' },
    checkOn: 'save',
    trace: { server: 'verbose' },
  });
  assert.deepEqual(parseSettings({ sources: [] }).sources, ['sources/**'], 'an empty list means the default');
  assert.equal(parseSettings({ 'citation.style': 'link' }).citation.style, 'link', 'dotted keys, as in settings.json');
});
