/**
 * The few manifest fields the packaging rules read. Only used on a manifest that already passed the
 * official schema, which guarantees this shape; the schema's generated types are far larger.
 */
export interface ManifestView {
  $schema?: string;
  manifestVersion: string;
  icons: { color: string; outline: string };
  bots?: { botId: string }[];
  configurableTabs?: { configurationUrl: string }[];
  staticTabs?: { entityId: string; contentUrl?: string; websiteUrl?: string; searchUrl?: string }[];
  validDomains?: string[];
  webApplicationInfo?: { id: string; resource?: string };
}
