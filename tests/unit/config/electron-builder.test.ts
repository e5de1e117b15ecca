import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

type Target = string | { target: string; arch?: string[] };
const targetsOf = (platform: string): Target[] => ((config[platform] as { target: Target[] }).target ?? []);
const targetNames = (platform: string) => targetsOf(platform).map((target) => (typeof target === 'string' ? target : target.target));
const archOf = (platform: string, name: string) =>
  (targetsOf(platform).find((target) => typeof target !== 'string' && target.target === name) as { arch?: string[] } | undefined)?.arch;

describe('the installers (electron-builder.yml)', () => {
  it('builds AppImage, deb and rpm for Linux, NSIS for Windows and a universal DMG for macOS', () => {
    expect(targetNames('linux')).toEqual(expect.arrayContaining(['AppImage', 'deb', 'rpm']));
    expect(targetNames('win')).toContain('nsis');
    expect(archOf('win', 'nsis')).toEqual(['x64', 'arm64']);
    expect(targetNames('mac')).toContain('dmg');
    expect(archOf('mac', 'dmg')).toEqual(['universal']);
  });

  it('installs per user on Windows, with a choice of folder', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
  });

  it('packs the app into an asar with the hardening fuses set', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('registers feed: and broadsheet: links and the .opml file type', () => {
    const schemes = (config.protocols as { schemes: string[] }[]).flatMap((protocol) => protocol.schemes);
    expect(schemes.sort()).toEqual(['broadsheet', 'feed']);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'opml' })]);
  });

  it('files Broadsheet under Network, Feed and News on Linux desktops', () => {
    const linux = config.linux as { desktop: { entry: { Categories: string } } };
    expect(linux.desktop.entry.Categories).toBe('Network;Feed;News;');
  });

  it('publishes to the project\'s GitHub releases for the updater', () => {
    expect(config.publish).toEqual({ provider: 'github', owner: 'broadsheet-app', repo: 'broadsheet' });
  });

  it('packs the built output, including the icons the main process loads at run time', () => {
    const files = config.files as string[];
    expect(files).toContain('out/**/*');
    const build = readFileSync(path.join(root, 'scripts/build-electron.mjs'), 'utf8');
    for (const icon of ['out/icons/tray.png', 'out/icons/tray@2x.png', 'out/icons/icon.png']) expect(build).toContain(icon);
    const main = readFileSync(path.join(root, 'electron/main.ts'), 'utf8');
    expect(main).toContain("'tray.png'");
    expect(main).toContain("'icon.png'");
  });

  it('describes the app in the Linux desktop entry in every language of the catalogues', () => {
    const linux = config.linux as { desktop: { entry: Record<string, string> } };
    const entry = linux.desktop.entry;
    const locales = readdirSync(path.join(root, 'shared/i18n/locales')).filter((file) => file.endsWith('.json') && !file.startsWith('en'));
    expect(locales.length).toBeGreaterThan(0);
    for (const file of locales) {
      const catalogue = JSON.parse(readFileSync(path.join(root, 'shared/i18n/locales', file), 'utf8')) as { desktopEntry: { comment: string; genericName: string } };
      const xdg = file.replace(/\.json$/, '').replace('-', '_');
      expect(entry[`Comment[${xdg}]`], `${file}: npm run i18n -- desktop-entry`).toBe(catalogue.desktopEntry.comment);
      expect(entry[`GenericName[${xdg}]`]).toBe(catalogue.desktopEntry.genericName);
    }
  });
});
