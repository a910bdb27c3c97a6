/**
 * electron-builder.yml, checked offline: against electron-builder's own JSON schema (with the very
 * function `electron-builder` runs before packaging), and against what the packaged app needs — the
 * targets, the native module outside the asar, the files, the icons and the uninstaller's manners.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import type {
  Configuration,
  FileSet,
  LinuxConfiguration,
  MacConfiguration,
  TargetConfigType,
  WindowsConfiguration,
} from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ICNS_ENTRIES,
  ICO_SIZES,
  LINUX_SIZES,
  crc32,
  encodePng,
  renderIcon,
  type RgbaImage,
} from '../../../build/make-icons.ts';
import { decodeRgbaPng, isPng, readIcns, readIco, readPngHeader } from './image-formats.ts';

const root = resolve(import.meta.dirname, '../../..');
const CONFIG_FILE = 'electron-builder.yml';

// ---------------------------------------------------------------------------------------------------
// electron-builder's internals, reached the way the CLI reaches them: electron-builder -> app-builder-lib.
// They are CommonJS and not part of electron-builder's public API, hence createRequire and the local
// types. Failing to find them fails the suite: a validator that silently does not run proves nothing.

interface DebugLogger {
  readonly isEnabled: boolean;
  add(key: string, value: unknown): void;
}

interface BuilderInternals {
  /** app-builder-lib/out/util/config/config.js: what the packager calls before building. */
  readonly validateConfiguration: (config: Configuration, debugLogger: DebugLogger) => Promise<void>;
  /** Loads electron-builder.yml (and package.json's "build") exactly as `electron-builder --config` does. */
  readonly getConfig: (
    projectDir: string,
    configPath: string | null,
    fromOptions: null,
  ) => Promise<Configuration>;
  readonly newDebugLogger: () => DebugLogger;
  /** The YAML parser electron-builder itself uses. */
  readonly parseYaml: (text: string) => unknown;
  /** The glob matcher electron-builder's file filters use. */
  readonly minimatch: (path: string, pattern: string, options: { dot: boolean }) => boolean;
}

function loadBuilderInternals(): BuilderInternals {
  const requireHere = createRequire(import.meta.url);
  const builderDir = dirname(requireHere.resolve('electron-builder/package.json'));
  const requireFromBuilder = createRequire(join(builderDir, 'package.json'));
  const libDir = dirname(requireFromBuilder.resolve('app-builder-lib/package.json'));
  const requireFromLib = createRequire(join(libDir, 'package.json'));
  const config = requireFromLib('./out/util/config/config.js') as Pick<
    BuilderInternals,
    'validateConfiguration' | 'getConfig'
  >;
  const { DebugLogger } = requireFromLib('builder-util') as {
    DebugLogger: new (enabled: boolean) => DebugLogger;
  };
  const { load } = requireFromLib('js-yaml') as { load: (text: string) => unknown };
  const { minimatch } = requireFromLib('minimatch') as Pick<BuilderInternals, 'minimatch'>;
  const required = { validateConfiguration: config.validateConfiguration, getConfig: config.getConfig };
  for (const [name, value] of Object.entries({ ...required, DebugLogger, load, minimatch })) {
    if (typeof value !== 'function') throw new Error(`electron-builder internals moved: ${name} not found`);
  }
  return {
    validateConfiguration: config.validateConfiguration,
    getConfig: config.getConfig,
    newDebugLogger: () => new DebugLogger(false),
    parseYaml: load,
    minimatch,
  };
}

// ---------------------------------------------------------------------------------------------------
// Helpers

function targetNames(target: TargetConfigType | undefined): string[] {
  if (target === null || target === undefined) return [];
  const list = Array.isArray(target) ? target : [target];
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.target));
}

function filePatterns(files: Configuration['files']): string[] {
  if (files === null || files === undefined) return [];
  const list = Array.isArray(files) ? files : [files];
  return list.flatMap((entry: string | FileSet) => {
    if (typeof entry === 'string') return [entry];
    if (entry.from !== undefined && entry.from !== '.') return [];
    const filter = entry.filter ?? [];
    return Array.isArray(filter) ? filter : [filter];
  });
}

function readProjectFile(relative: string): Buffer {
  return readFileSync(join(root, relative));
}

let builder: BuilderInternals;
let config: Configuration;

beforeAll(() => {
  builder = loadBuilderInternals();
  config = builder.parseYaml(readFileSync(join(root, CONFIG_FILE), 'utf8')) as Configuration;
});

// ---------------------------------------------------------------------------------------------------

describe('electron-builder.yml against electron-builder’s own schema', () => {
  it('passes validateConfiguration as loaded by electron-builder’s own config loader', async () => {
    const loaded = await builder.getConfig(root, CONFIG_FILE, null);
    expect(loaded.appId).toBe('app.rapport.desktop');
    await expect(builder.validateConfiguration(loaded, builder.newDebugLogger())).resolves.toBeUndefined();
  });

  it('rejects an unknown top-level option (the validator really runs)', async () => {
    const invalid = { ...structuredClone(config), notAnOption: true } as Configuration;
    await expect(builder.validateConfiguration(invalid, builder.newDebugLogger())).rejects.toThrow(
      /unknown property 'notAnOption'/,
    );
  });

  it('rejects a wrongly typed option', async () => {
    const invalid = { ...structuredClone(config), asar: 'definitely' } as unknown as Configuration;
    await expect(builder.validateConfiguration(invalid, builder.newDebugLogger())).rejects.toThrow(
      /configuration\.asar/,
    );
  });
});

describe('electron-builder.yml: what gets built', () => {
  it('names the app', () => {
    expect(config.appId).toBe('app.rapport.desktop');
    expect(config.productName).toBe('Rapport');
    expect(config.copyright).toMatch(/Rapport/);
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
  });

  it('builds AppImage and deb for Linux, an NSIS installer for Windows and a DMG for macOS', () => {
    expect(targetNames(config.linux?.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
  });

  it('names artifacts by product, version, OS and architecture', () => {
    expect(config.artifactName).toBe('${productName}-${version}-${os}-${arch}.${ext}');
  });

  it('gives the deb a maintainer, which package.json cannot (it has no author e-mail)', () => {
    expect(config.linux?.maintainer).toMatch(/^[^<>]+ <[^@\s]+@[^>\s]+>$/);
    expect(config.linux?.category).toBe('Office');
  });

  it('publishes nothing: the app is offline-first and has no update feed', () => {
    expect(config.publish).toBeNull();
  });

  it('keeps the user’s data when Rapport is uninstalled on Windows', () => {
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
    expect(config.nsis?.oneClick).toBe(false);
    expect(config.nsis?.perMachine).toBe(false);
    expect(config.nsis?.allowToChangeInstallationDirectory).toBe(true);
  });

  it('signs for the hardened runtime with one entitlements file for the app and its helpers', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac?.entitlementsInherit).toBe(config.mac?.entitlements);
    const plist = readProjectFile('build/entitlements.mac.plist').toString('utf8');
    expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
  });

  it('grants only the JIT entitlement, and says why in a comment', () => {
    const plist = readProjectFile('build/entitlements.mac.plist').toString('utf8');
    const body = plist.replace(/<!--[\s\S]*?-->/g, '');
    const keys = [...body.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => [m[1], m[2]]);
    expect(keys).toEqual([['com.apple.security.cs.allow-jit', 'true']]);
    // Each entitlement left out is named with the reason, so nobody adds it back without one.
    for (const dropped of [
      'allow-unsigned-executable-memory',
      'disable-library-validation',
      'allow-dyld-environment-variables',
    ]) {
      expect(plist).toMatch(
        new RegExp(`<!--[\\s\\S]*com\\.apple\\.security\\.cs\\.${dropped}:[^\\n]+[\\s\\S]*-->`),
      );
    }
    expect(plist).toMatch(
      /<!-- V8 compiles JavaScript[^>]*-->\s*<key>com\.apple\.security\.cs\.allow-jit<\/key>/,
    );
  });
});

describe('electron-builder.yml: Electron’s fuses', () => {
  const expected = {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    grantFileProtocolExtraPrivileges: false,
  };

  it('turns off run-as-node, NODE_OPTIONS and inspect, encrypts cookies, and loads only the checked asar', () => {
    expect(config.electronFuses).toEqual(expected);
  });

  it('become exactly these wires of @electron/fuses when electron-builder flips them', async () => {
    const requireHere = createRequire(import.meta.url);
    const builderDir = dirname(requireHere.resolve('electron-builder/package.json'));
    const requireFromBuilder = createRequire(join(builderDir, 'package.json'));
    const requireFromLib = createRequire(requireFromBuilder.resolve('app-builder-lib/package.json'));
    const { PlatformPackager } = requireFromLib('./out/index.js') as {
      PlatformPackager: {
        prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> };
      };
    };
    const { FuseV1Options, FuseVersion } = requireFromLib('@electron/fuses') as {
      FuseV1Options: Record<string, number>;
      FuseVersion: { V1: string };
    };
    const wires = await PlatformPackager.prototype.generateFuseConfig(config.electronFuses);
    expect(wires).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: undefined,
      [FuseV1Options.RunAsNode ?? -1]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable ?? -1]: false,
      [FuseV1Options.EnableNodeCliInspectArguments ?? -1]: false,
      [FuseV1Options.EnableCookieEncryption ?? -1]: true,
      [FuseV1Options.OnlyLoadAppFromAsar ?? -1]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation ?? -1]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges ?? -1]: false,
    });
  });

  it('are checked by the schema: a misspelled fuse is refused', async () => {
    const invalid = {
      ...structuredClone(config),
      electronFuses: { ...expected, runAsNodes: false },
    } as unknown as Configuration;
    await expect(builder.validateConfiguration(invalid, builder.newDebugLogger())).rejects.toThrow(
      /configuration\.electronFuses should be/,
    );
  });

  it('leave nothing for the app to need them on: the backend is a utility process, not a forked Node', () => {
    const main = readProjectFile('electron/main/app.ts').toString('utf8');
    expect(main).toContain('forkUtilityProcess');
    for (const file of ['electron/main/app.ts', 'electron/main/backend-host.ts', 'electron/main/seam.ts']) {
      const source = readProjectFile(file).toString('utf8');
      expect(source, file).not.toMatch(/child_process|ELECTRON_RUN_AS_NODE/);
    }
  });
});

describe('electron-builder.yml: the native module and the files', () => {
  /** electron-builder's rule (minimatch-all): the last pattern that has a say decides. */
  function selects(patterns: readonly string[], file: string): boolean {
    let selected = false;
    for (const pattern of patterns) {
      const negated = pattern.startsWith('!');
      if (selected !== negated) continue;
      selected = builder.minimatch(file, pattern, { dot: true });
    }
    return selected;
  }

  it('does not rebuild native modules: better-sqlite3 ships N-API prebuilds', () => {
    expect(config.npmRebuild).toBe(false);
    const prebuilds = readdirSync(join(root, 'node_modules/better-sqlite3/prebuilds'));
    for (const target of ['linux-x64', 'linux-arm64', 'win32-x64', 'darwin-x64', 'darwin-arm64']) {
      expect(prebuilds).toContain(`${target}.node`);
    }
  });

  it('unpacks every .node file from the asar, where the OS can load it', () => {
    expect(config.asar).toBe(true);
    const unpack = Array.isArray(config.asarUnpack) ? config.asarUnpack : [config.asarUnpack ?? ''];
    for (const file of [
      'node_modules/better-sqlite3/prebuilds/linux-x64.node',
      'node_modules/better-sqlite3/prebuilds/win32-x64.node',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    ]) {
      expect(unpack.some((pattern) => builder.minimatch(file, pattern, { dot: true }))).toBe(true);
    }
  });

  it('packages the built app and package.json, and no sources, tests or source maps', () => {
    const patterns = filePatterns(config.files);
    expect(patterns).toContain('out/**');
    for (const file of [
      'out/main/index.js',
      'out/main/backend.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ]) {
      expect(selects(patterns, file), file).toBe(true);
    }
    expect(selects(patterns, 'package.json')).toBe(true);
    for (const file of [
      'out/main/index.js.map',
      'tests/unit/hlc.test.ts',
      'electron/main/index.ts',
      'db/schema.ts',
      'renderer/src/main.tsx',
      'build/make-icons.ts',
      '.git/HEAD',
    ]) {
      expect(selects(patterns, file), file).toBe(false);
    }
  });

  it('leaves better-sqlite3’s C sources and any host-built addon out of node_modules', () => {
    // In node_modules electron-builder starts from "**/*" and applies the same list.
    const patterns = ['**/*', ...filePatterns(config.files)];
    expect(selects(patterns, 'node_modules/better-sqlite3/lib/binding.js')).toBe(true);
    expect(selects(patterns, 'node_modules/better-sqlite3/prebuilds/darwin-arm64.node')).toBe(true);
    expect(selects(patterns, 'node_modules/kysely/package.json')).toBe(true);
    expect(selects(patterns, 'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c')).toBe(false);
    expect(selects(patterns, 'node_modules/better-sqlite3/src/better_sqlite3.cpp')).toBe(false);
    expect(selects(patterns, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(false);
  });

  it('has no exclusion-only file list per platform (electron-builder would prepend "**/*" to it)', () => {
    const platforms: (LinuxConfiguration | WindowsConfiguration | MacConfiguration | null | undefined)[] = [
      config.linux,
      config.win,
      config.mac,
    ];
    for (const platform of platforms) {
      const patterns = filePatterns(platform?.files);
      if (patterns.length > 0) expect(patterns.some((pattern) => !pattern.startsWith('!'))).toBe(true);
    }
  });
});

describe('electron-builder.yml: icons', () => {
  it('points at files that exist', () => {
    const referenced = [config.linux?.icon, config.win?.icon, config.mac?.icon, config.mac?.entitlements];
    for (const path of referenced) {
      expect(typeof path).toBe('string');
      expect(existsSync(join(root, path as string)), String(path)).toBe(true);
    }
  });

  it('Linux: a folder of NxN.png files, each really N×N', () => {
    expect(config.linux?.icon).toBe('build/icons');
    const names = readdirSync(join(root, 'build/icons'));
    expect(names.sort()).toEqual(LINUX_SIZES.map((size) => `${size}x${size}.png`).sort());
    for (const name of names) {
      const [, width, height] = /^(\d+)x(\d+)\.png$/.exec(name) ?? [];
      const header = readPngHeader(readProjectFile(`build/icons/${name}`));
      expect([header.width, header.height], name).toEqual([Number(width), Number(height)]);
    }
    expect(readPngHeader(readProjectFile('build/icon.png'))).toMatchObject({ width: 1024, height: 1024 });
  });

  it('Windows: an ICO whose entries are PNGs of the sizes they claim, 256 included', () => {
    expect(config.win?.icon).toBe('build/icon.ico');
    const images = readIco(readProjectFile('build/icon.ico'));
    expect(images.map((image) => image.width)).toEqual([...ICO_SIZES]);
    expect(images.some((image) => image.width === 256)).toBe(true);
    for (const image of images) {
      expect(isPng(image.bytes)).toBe(true);
      expect(image.bitsPerPixel).toBe(32);
      expect(readPngHeader(image.bytes)).toMatchObject({ width: image.width, height: image.height });
    }
  });

  it('macOS: an ICNS whose length adds up and whose elements hold PNGs of their type’s size', () => {
    expect(config.mac?.icon).toBe('build/icon.icns');
    const file = readProjectFile('build/icon.icns');
    expect(file.toString('latin1', 0, 4)).toBe('icns');
    expect(file.readUInt32BE(4)).toBe(statSync(join(root, 'build/icon.icns')).size);
    const elements = readIcns(file);
    expect(elements.map((element) => element.type)).toEqual(ICNS_ENTRIES.map(([type]) => type));
    for (const [index, [type, size]] of ICNS_ENTRIES.entries()) {
      const data = elements[index]?.data ?? Buffer.alloc(0);
      expect(readPngHeader(data), type).toMatchObject({ width: size, height: size });
    }
  });
});

describe('build/make-icons.ts', () => {
  const rendered = new Map<number, RgbaImage>();
  const renderedAt = (size: number): RgbaImage => {
    const image = rendered.get(size) ?? renderIcon(size);
    rendered.set(size, image);
    return image;
  };

  /** Compared by pixels, not bytes: zlib's output may differ between builds of zlib and CPUs. */
  function expectPixelsOfIcon(png: Buffer, size: number, label: string): void {
    const decoded = decodeRgbaPng(png);
    expect([decoded.width, decoded.height], label).toEqual([size, size]);
    expect(Buffer.from(decoded.data).equals(Buffer.from(renderedAt(size).data)), label).toBe(true);
  }

  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789', 'latin1'))).toBe(0xcbf43926);
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) & 0xff);
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
  });

  it('encodes PNGs that decode back to the same pixels', () => {
    // Mixed content, so that every filter type gets picked somewhere.
    const width = 37;
    const height = 23;
    const data = Uint8Array.from({ length: width * height * 4 }, (_, i) => {
      const x = (i >> 2) % width;
      const y = Math.floor((i >> 2) / width);
      return (i & 3) === 3 ? (x * 7) & 0xff : (x * 13 + y * 29 + ((x * y) % 17) * (i & 3)) & 0xff;
    });
    const image = { width, height, data };
    expect(Buffer.from(decodeRgbaPng(encodePng(image)).data).equals(Buffer.from(data))).toBe(true);
  });

  it('draws a transparent corner, a blue body and a white bubble', () => {
    const image = renderedAt(64);
    const pixel = (x: number, y: number): number[] => [
      ...image.data.subarray((y * 64 + x) * 4, (y * 64 + x) * 4 + 4),
    ];
    expect(pixel(0, 0)[3]).toBe(0);
    const [r, g, b, a] = pixel(32, 56);
    expect(a).toBe(255);
    expect(b).toBeGreaterThan((r ?? 0) + 100);
    expect(b).toBeGreaterThan(g ?? 0);
    expect(pixel(18, 22)).toEqual([255, 255, 255, 255]);
  });

  it('is what the checked-in Linux icons and icon.png were generated from', () => {
    for (const size of LINUX_SIZES) {
      expectPixelsOfIcon(readProjectFile(`build/icons/${size}x${size}.png`), size, `${size}x${size}.png`);
    }
    expectPixelsOfIcon(readProjectFile('build/icon.png'), 1024, 'icon.png');
  });

  it('is what the checked-in icon.ico and icon.icns were generated from', () => {
    for (const image of readIco(readProjectFile('build/icon.ico'))) {
      expectPixelsOfIcon(image.bytes, image.width, `icon.ico ${image.width}`);
    }
    const elements = readIcns(readProjectFile('build/icon.icns'));
    for (const [index, [type, size]] of ICNS_ENTRIES.entries()) {
      expectPixelsOfIcon(elements[index]?.data ?? Buffer.alloc(0), size, `icon.icns ${type}`);
    }
  });
});
