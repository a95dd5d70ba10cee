import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';

const APP_ID = '0d2c1e3f-4a5b-4c6d-8e7f-901234567890';

describe('loadConfig', () => {
  it('needs nothing: dev mode on loopback port 3978 with embedded PGlite under DATA_DIR', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/rounds-data' });

    expect(config).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      bot: null,
      publicUrl: 'http://localhost:3978',
      database: { kind: 'pglite', dataDir: path.join('/tmp/rounds-data', 'pglite') },
    });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app:app@db:5432/rounds' }).database).toEqual({ kind: 'postgres', url: 'postgres://app:app@db:5432/rounds' });
  });

  it('with a bot identity, listens on all interfaces and infers single-tenant from the tenant id', () => {
    const config = loadConfig({ BOT_ID: APP_ID, BOT_PASSWORD: 's3cret', BOT_TENANT_ID: '6e5d4c3b-2a19-4807-9f6e-5d4c3b2a1908' });

    expect(config.host).toBe('0.0.0.0');
    expect(config.bot).toEqual({ appId: APP_ID, password: 's3cret', tenantId: '6e5d4c3b-2a19-4807-9f6e-5d4c3b2a1908', type: 'SingleTenant' });
  });

  it('treats blank variables (as left by env files) as unset', () => {
    expect(loadConfig({ BOT_ID: '', BOT_PASSWORD: ' ', DATABASE_URL: '' })).toMatchObject({ bot: null, database: { kind: 'pglite' } });
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', BOT_ID: 'not-a-guid', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^BOT_ID: must be a GUID/m);
    expect(problems).toMatch(/^DATABASE_URL: must be a postgres/m);
    expect(problems).toMatch(/^LOG_LEVEL: /m);
  });

  it('requires BOT_PASSWORD with BOT_ID, and BOT_ID with BOT_PASSWORD', () => {
    expect(() => loadConfig({ BOT_ID: APP_ID })).toThrow(/BOT_PASSWORD: is required when BOT_ID is set/);
    expect(() => loadConfig({ BOT_PASSWORD: 'x' })).toThrow(/BOT_ID: is required/);
  });

  it('refuses to expose unauthenticated dev mode beyond loopback', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST: dev mode .* loopback only/);
    expect(loadConfig({ HOST: '0.0.0.0', BOT_ID: APP_ID, BOT_PASSWORD: 'x' }).host).toBe('0.0.0.0');
  });

  it('defaults visits to built-in rooms, the outbox, reminders at 24 h and 15 min, the lobby open an hour either side', () => {
    expect(loadConfig({})).toMatchObject({
      meetings: { kind: 'builtin' },
      email: null,
      sms: null,
      reminderOffsetsMinutes: [1440, 15],
      integrationApiKey: null,
      webhook: null,
      roomIceServers: [],
      lobby: { opensBeforeMinutes: 60, closesAfterMinutes: 60, identity: { firstName: true, birthYear: true }, escalateAfterMinutes: 5, emptyRoomEndMinutes: 5, endGraceMinutes: 30 },
    });
  });

  it('names what Graph meetings, SMS providers, webhooks and video rooms are missing', () => {
    const problems = (() => {
      try {
        loadConfig({ MEETING_PROVIDER: 'graph', SMS_PROVIDER: 'twilio', WEBHOOK_URL: 'https://hooks.example.org/rounds', ROOM_ICE_SERVERS: '[{"urls": 5}]', SMTP_URL: 'smtp://mail.example.org' });
      } catch (caught) {
        return (caught as ConfigError).problems.join('\n');
      }
      return '';
    })();
    for (const name of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'GRAPH_ORGANIZER_ID', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM', 'WEBHOOK_SECRET', 'SMTP_FROM', 'ROOM_ICE_SERVERS']) {
      expect(problems).toMatch(new RegExp(`^${name}`, 'm'));
    }
  });

  describe('installing Rounds for message recipients', () => {
    const GRAPH = { GRAPH_TENANT_ID: '6e5d4c3b-2a19-4807-9f6e-5d4c3b2a1908', GRAPH_CLIENT_ID: APP_ID, GRAPH_CLIENT_SECRET: 'graph-secret' };
    const TEAMS_APP_ID = 'e2b0d6a4-7c3f-4f1e-9a55-3d8c1b7f0a21';

    it('is on with GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET and TEAMS_APP_ID, whatever the meeting provider', () => {
      const config = loadConfig({ ...GRAPH, TEAMS_APP_ID });

      expect(config.meetings).toEqual({ kind: 'builtin' });
      expect(config.appInstall).toEqual({
        tenantId: GRAPH.GRAPH_TENANT_ID,
        clientId: APP_ID,
        clientSecret: 'graph-secret',
        teamsAppId: TEAMS_APP_ID,
        graphBaseUrl: 'https://graph.microsoft.com/v1.0',
        authorityUrl: 'https://login.microsoftonline.com',
      });
    });

    it('calls the same Graph and Entra ID as Graph meetings', () => {
      const clouds = { GRAPH_BASE_URL: 'https://graph.microsoft.us/v1.0/', GRAPH_AUTHORITY_URL: 'https://login.microsoftonline.us/' };
      const config = loadConfig({ ...GRAPH, ...clouds, TEAMS_APP_ID, MEETING_PROVIDER: 'graph', GRAPH_ORGANIZER_ID: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' });

      const urls = { graphBaseUrl: 'https://graph.microsoft.us/v1.0', authorityUrl: 'https://login.microsoftonline.us' };
      expect(config.appInstall).toMatchObject(urls);
      expect(config.meetings).toMatchObject({ kind: 'graph', ...urls });
    });

    it('is off without TEAMS_APP_ID or without the Graph app, and TEAMS_APP_ID must be the manifest GUID', () => {
      expect(loadConfig({}).appInstall).toBeNull();
      expect(loadConfig(GRAPH).appInstall).toBeNull();
      // env/.env.<env> holds TEAMS_APP_ID for Teams Toolkit: on its own it turns nothing on.
      expect(loadConfig({ TEAMS_APP_ID }).appInstall).toBeNull();
      expect(() => loadConfig({ ...GRAPH, TEAMS_APP_ID: 'rounds' })).toThrow(/TEAMS_APP_ID: must be a GUID \(the id in the Teams app manifest\)/);
    });

    it('no longer says GRAPH_CLIENT_ID is only for meetings', () => {
      expect(() => loadConfig({ GRAPH_CLIENT_ID: 'x' })).toThrow(/GRAPH_CLIENT_ID: must be a GUID \(the Entra app id Rounds calls Microsoft Graph as\)/);
    });
  });

  it('reads the lobby, reminders and ICE servers from the environment', () => {
    const config = loadConfig({ LOBBY_IDENTITY: 'birth-year', LOBBY_OPENS_BEFORE_MINUTES: '30', REMINDER_OFFSETS: '120, 10', ROOM_ICE_SERVERS: '[{"urls":"stun:stun.example.org:3478"}]' });
    expect(config.lobby).toMatchObject({ identity: { firstName: false, birthYear: true }, opensBeforeMinutes: 30 });
    expect(config.reminderOffsetsMinutes).toEqual([120, 10]);
    expect(config.roomIceServers).toEqual([{ urls: 'stun:stun.example.org:3478' }]);
  });

  it('reads how many people a built-in room holds (8 by default), between 2 and 16', () => {
    expect(loadConfig({}).roomMaxParticipants).toBe(8);
    expect(loadConfig({ ROOM_MAX_PARTICIPANTS: '4' }).roomMaxParticipants).toBe(4);
    expect(() => loadConfig({ ROOM_MAX_PARTICIPANTS: '1' })).toThrow(/ROOM_MAX_PARTICIPANTS/);
    expect(() => loadConfig({ ROOM_MAX_PARTICIPANTS: '40' })).toThrow(/ROOM_MAX_PARTICIPANTS/);
  });

  it('reads when visits end by themselves (empty room, end time plus grace), and refuses an empty-room time of 0', () => {
    expect(loadConfig({ VISIT_EMPTY_ROOM_END_MINUTES: '10', VISIT_END_GRACE_MINUTES: '0' }).lobby).toMatchObject({ emptyRoomEndMinutes: 10, endGraceMinutes: 0 });
    expect(() => loadConfig({ VISIT_EMPTY_ROOM_END_MINUTES: '0' })).toThrow(/VISIT_EMPTY_ROOM_END_MINUTES/);
    expect(() => loadConfig({ VISIT_END_GRACE_MINUTES: 'soon' })).toThrow(/VISIT_END_GRACE_MINUTES/);
  });

  it('escalates urgent messages at 5/10/15 minutes and STAT at 2/4/6, keeps messages 30 days, unless told otherwise', () => {
    expect(loadConfig({}).messages).toEqual({ escalation: { urgent: [5, 10, 15], stat: [2, 4, 6] }, retentionDays: 30 });
    const config = loadConfig({ MESSAGE_URGENT_ESCALATION_MINUTES: '10, 20, 30', MESSAGE_STAT_ESCALATION_MINUTES: '1,3,5', MESSAGE_RETENTION_DAYS: '90', TEAMS_APP_ID: 'bd42d443-4005-4ad8-baa2-a99549a2682d' });
    expect(config.messages).toEqual({ escalation: { urgent: [10, 20, 30], stat: [1, 3, 5] }, retentionDays: 90 });
    expect(config.teamsAppId).toBe('bd42d443-4005-4ad8-baa2-a99549a2682d');
  });

  it('refuses escalation times that are not three increasing minutes', () => {
    expect(() => loadConfig({ MESSAGE_URGENT_ESCALATION_MINUTES: '5,10' })).toThrow(/MESSAGE_URGENT_ESCALATION_MINUTES: must be three minutes after sending/);
    expect(() => loadConfig({ MESSAGE_STAT_ESCALATION_MINUTES: '5,5,10' })).toThrow(/MESSAGE_STAT_ESCALATION_MINUTES: must be at least 1 and increasing/);
    expect(() => loadConfig({ MESSAGE_RETENTION_DAYS: '0' })).toThrow(/MESSAGE_RETENTION_DAYS/);
  });

  describe('the dev user (who the tab pages act as in dev mode)', () => {
    it('is the Agents Playground user of the repository’s .m365agentsplayground.yml, the one who chats', () => {
      expect(loadConfig({}).devUser).toMatchObject({
        id: '00000000-0000-0000-0000-0000000000020',
        tenantId: '00000000-0000-0000-0000-0000000000001',
        name: 'Dr Sam Kim',
        email: 'sam.kim@example-hospital.org',
      });
    });

    it('is the built-in Dev Clinician with DEV_USER_FILE=none, and what the settings say over either', () => {
      expect(loadConfig({ DEV_USER_FILE: 'none' }).devUser).toMatchObject({ id: 'dev-user', tenantId: 'dev-tenant', name: 'Dev Clinician' });
      expect(loadConfig({ DEV_USER_ID: 'u-1', DEV_USER_NAME: 'Dr Who' }).devUser).toMatchObject({ id: 'u-1', name: 'Dr Who', tenantId: '00000000-0000-0000-0000-0000000000001' });
    });

    it('stops the start with the reason when the named file is not a Playground file', () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rounds-config-')), 'playground.yml');
      fs.writeFileSync(file, 'version: "0.1.1"\nbot: {}\n');
      expect(() => loadConfig({ DEV_USER_FILE: file })).toThrow(/DEV_USER_FILE: .* has no tenantId and currentUser/);
    });

    it('does not exist outside dev mode', () => {
      expect(loadConfig({ BOT_ID: APP_ID, BOT_PASSWORD: 'secret' }).devUser).toBeNull();
    });
  });
});

describe('loadConfig: the FHIR connection', () => {
  const problems = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };
  const base = { FHIR_BASE_URL: 'https://ehr.example.org/fhir/r4', FHIR_CLIENT_ID: 'rounds' };

  it('uses private_key_jwt when a client id comes without a secret', () => {
    expect(loadConfig(base).fhir).toEqual({ name: 'ehr.example.org', baseUrl: base.FHIR_BASE_URL, clientId: 'rounds', clientSecret: '', authMethod: 'private_key_jwt' });
  });

  it('with a secret and no FHIR_CLIENT_AUTH, leaves the secret method to what the EHR prefers', () => {
    expect(loadConfig({ ...base, FHIR_CLIENT_SECRET: 's3cret' }).fhir).toMatchObject({ clientSecret: 's3cret', authMethod: undefined });
    expect(loadConfig({ ...base, FHIR_CLIENT_SECRET: 's3cret', FHIR_CLIENT_AUTH: 'client_secret_post' }).fhir).toMatchObject({ authMethod: 'client_secret_post' });
  });

  it('names a missing secret for the secret methods, a stray one for private_key_jwt, and unknown methods', () => {
    expect(problems({ ...base, FHIR_CLIENT_AUTH: 'client_secret_basic' })).toEqual(['FHIR_CLIENT_SECRET: is required with FHIR_CLIENT_AUTH=client_secret_basic']);
    expect(problems({ ...base, FHIR_CLIENT_AUTH: 'private_key_jwt', FHIR_CLIENT_SECRET: 'x' })[0]).toMatch(/^FHIR_CLIENT_SECRET: is not used with/);
    expect(problems({ ...base, FHIR_CLIENT_AUTH: 'tls_client_auth' })[0]).toMatch(/^FHIR_CLIENT_AUTH:/);
    expect(problems({ FHIR_BASE_URL: base.FHIR_BASE_URL })).toEqual(['FHIR_CLIENT_ID: is required with FHIR_BASE_URL']);
  });

  it('takes FHIR_PRIVATE_KEY as PEM, also on one line with literal \\n, and refuses keys that cannot sign RS384 or ES384', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(loadConfig({ FHIR_PRIVATE_KEY: pem.replace(/\n/g, '\\n') }).fhirPrivateKey).toBe(pem.trim());
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(problems({ FHIR_PRIVATE_KEY: p256 })).toEqual(['FHIR_PRIVATE_KEY: the key must be RSA (RS384) or EC P-384 (ES384)']);
    expect(problems({ FHIR_PRIVATE_KEY: 'not a key' })[0]).toMatch(/^FHIR_PRIVATE_KEY: must be a PEM private key/);
  });
});
