// Azure resources of one Rounds environment, deployed by `teamsapp provision` (arm/deploy in teamsapp.yml):
//   - one Linux App Service (Node 20) running the whole service: bot (/api/messages), tab API (/api/...),
//     built tab pages (/tabs/*.html) and /healthz;
//   - an Azure Bot registration pointing at it, with the Microsoft Teams channel;
//   - a PostgreSQL 15 Flexible Server with the `rounds` database (the service uses PGlite only when
//     DATABASE_URL is absent, i.e. on a developer machine).
// Outputs are written back to env/.env.<env> by the toolkit.

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name. Includes RESOURCE_SUFFIX because App Service names are global.')
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan SKU. B1 is the smallest tier with Always On, which keeps the bot responsive.')
param webAppSku string = 'B1'

@description('Entra app id (BOT_ID) created by aadApp/create: the bot identity and the tabs\' SSO app.')
param botAadAppClientId string

@secure()
@description('Client secret of that Entra app (SECRET_BOT_PASSWORD).')
param botAadAppClientSecret string

@description('Tenant of that Entra app (BOT_TENANT_ID). The bot is single-tenant.')
param botTenantId string

@maxLength(42)
param botDisplayName string = 'Rounds'

param postgresAdminLogin string = 'roundsadmin'

@secure()
@description('PostgreSQL administrator password (SECRET_POSTGRES_ADMIN_PASSWORD in env/.env.<env>.user).')
param postgresAdminPassword string

var databaseName = 'rounds'

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true // marks the plan as Linux
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${resourceBaseName}-pg'
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    // The SQL is written to the PostgreSQL 15 subset (tested on 15 and on PGlite).
    version: '15'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// The 0.0.0.0 rule is Azure's convention for "Azure services may connect", which lets the App Service
// reach the server without a virtual network. It admits any Azure-hosted client that has the password;
// a VNet-integrated App Service with a private server is the stricter choice for production.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

// TLS is enforced by the server (require_secure_transport is on by default); sslmode=require says so
// to the client. The password is URI-encoded because it may contain reserved characters.
var databaseUrl = 'postgresql://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // `teamsapp deploy` uploads the built project (bot/dist, tabs/dist, node_modules).
      appCommandLine: 'node bot/dist/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // App Service sets PORT itself; the service listens on it. Secrets sit in app settings here;
      // Key Vault references are the next step once a vault exists.
      appSettings: [
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1' // run from the deployed zip, read-only and swapped atomically
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false' // already built by `teamsapp deploy`
        }
        {
          name: 'BOT_ID'
          value: botAadAppClientId
        }
        {
          name: 'BOT_PASSWORD'
          value: botAadAppClientSecret
        }
        {
          name: 'BOT_TENANT_ID'
          value: botTenantId
        }
        {
          name: 'BOT_TYPE'
          value: 'SingleTenant'
        }
        {
          name: 'DATABASE_URL'
          value: databaseUrl
        }
        {
          name: 'DATA_DIR'
          value: '/home/data' // /home is the App Service's persistent, writable storage
        }
        {
          name: 'PUBLIC_URL'
          value: 'https://${resourceBaseName}.azurewebsites.net'
        }
      ]
    }
  }
  dependsOn: [
    database
    allowAzureServices
  ]
}

// Registers the service with the Bot Framework under the Entra app made by aadApp/create.
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0' // the Teams channel is free on F0
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppTenantId: botTenantId
    msaAppType: 'SingleTenant'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Written to env/.env.<env>: the deploy target, and the one host that serves both bot and tabs.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
