/**
 * The settings store backend outside Electron (test harness, plain Node). Electron's main
 * process passes an electron-store factory instead; both are `conf` underneath.
 */
import Conf from 'conf';
import type { CreateConfStore } from './settings-storage';

export const createNodeConfStore: CreateConfStore = ({ cwd, configName }) =>
  new Conf<Record<string, unknown>>({ cwd, configName, projectName: 'frok', clearInvalidConfig: false });
