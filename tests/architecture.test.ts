import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rules that keep the dependency direction of docs/ARCHITECTURE.md. Each case is an
// import a future change might make; the linter must refuse it, and accept the allowed ones.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('architecture boundaries', () => {
  it.each([
    ['apps/viewer/src/engine/x.ts', "import { useState } from 'react';"],
    ['apps/viewer/src/engine/x.ts', "import { createViewerStore } from '../state/viewerStore.js';"],
    ['apps/viewer/src/engine/x.ts', "import { App } from '../ui/App.js';"],
    ['apps/viewer/src/state/x.ts', "import { Viewer } from 'cesium';"],
    ['apps/viewer/src/ui/x.tsx', "import { Viewer } from 'cesium';"],
    ['apps/viewer/src/ui/x.tsx', "import { createApp } from '../../../tile-server/src/app.js';"],
    ['apps/viewer/src/ui/x.tsx', "import { loadCatalog } from '../app/loadCatalog.js';"],
    ['apps/viewer/src/api/x.ts', "import { createViewerStore } from '../state/viewerStore.js';"],
    ['packages/protocol/src/x.ts', "import { createApp } from '../../../apps/tile-server/src/app.js';"],
    ['packages/protocol/src/x.ts', "import express from 'express';"],
    ['apps/tile-server/src/x.ts', "import { App } from '../../viewer/src/ui/App.js';"],
  ])('refuses, in %s: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).not.toEqual([]);
  });

  it.each([
    ['apps/viewer/src/ui/x.tsx', "import { createSceneEngine } from '../engine/sceneEngine.js';"],
    ['apps/viewer/src/engine/x.ts', "import { ADMINISTRATIVE_CENTRE } from '@pengcheng/protocol';"],
    ['apps/tile-server/src/x.ts', "import { HealthResponse } from '@pengcheng/protocol';"],
  ])('allows, in %s: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
