import { checkConfigShape, DEFAULT_CONFIG, type PluginConfig } from '../domain/config';

export type { ContentTypeSettings, PluginConfig } from '../domain/config';

export default {
  default: (): PluginConfig => ({ ...DEFAULT_CONFIG }),
  // The shape here (a bad config stops start-up with one line); the fields against the schemas in register.
  validator: (config: PluginConfig) => checkConfigShape(config),
};
