-- OpenIddict's stores (EF Core model of Oidc/OidcDbContext.cs, script generated once by EF Core 10 and kept as is).
-- Column names are OpenIddict's own, quoted as EF Core maps them.

CREATE TABLE identite.oidc_application (
    "Id" text NOT NULL,
    "ApplicationType" character varying(50),
    "ClientId" character varying(100),
    "ClientSecret" text,
    "ClientType" character varying(50),
    "ConcurrencyToken" character varying(50),
    "ConsentType" character varying(50),
    "DisplayName" text,
    "DisplayNames" text,
    "JsonWebKeySet" text,
    "Permissions" text,
    "PostLogoutRedirectUris" text,
    "Properties" text,
    "RedirectUris" text,
    "Requirements" text,
    "Settings" text,
    CONSTRAINT "PK_oidc_application" PRIMARY KEY ("Id")
);

CREATE TABLE identite.oidc_portee (
    "Id" text NOT NULL,
    "ConcurrencyToken" character varying(50),
    "Description" text,
    "Descriptions" text,
    "DisplayName" text,
    "DisplayNames" text,
    "Name" character varying(200),
    "Properties" text,
    "Resources" text,
    CONSTRAINT "PK_oidc_portee" PRIMARY KEY ("Id")
);

CREATE TABLE identite.oidc_autorisation (
    "Id" text NOT NULL,
    "ApplicationId" text,
    "ConcurrencyToken" character varying(50),
    "CreationDate" timestamp with time zone,
    "Properties" text,
    "Scopes" text,
    "Status" character varying(50),
    "Subject" character varying(400),
    "Type" character varying(50),
    CONSTRAINT "PK_oidc_autorisation" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_oidc_autorisation_oidc_application_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES identite.oidc_application ("Id")
);

CREATE TABLE identite.oidc_jeton (
    "Id" text NOT NULL,
    "ApplicationId" text,
    "AuthorizationId" text,
    "ConcurrencyToken" character varying(50),
    "CreationDate" timestamp with time zone,
    "ExpirationDate" timestamp with time zone,
    "Payload" text,
    "Properties" text,
    "RedemptionDate" timestamp with time zone,
    "ReferenceId" character varying(100),
    "Status" character varying(50),
    "Subject" character varying(400),
    "Type" character varying(150),
    CONSTRAINT "PK_oidc_jeton" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_oidc_jeton_oidc_application_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES identite.oidc_application ("Id"),
    CONSTRAINT "FK_oidc_jeton_oidc_autorisation_AuthorizationId" FOREIGN KEY ("AuthorizationId") REFERENCES identite.oidc_autorisation ("Id")
);

CREATE UNIQUE INDEX "IX_oidc_application_ClientId" ON identite.oidc_application ("ClientId");

CREATE INDEX "IX_oidc_autorisation_ApplicationId_Status_Subject_Type" ON identite.oidc_autorisation ("ApplicationId", "Status", "Subject", "Type");

CREATE INDEX "IX_oidc_jeton_ApplicationId_Status_Subject_Type" ON identite.oidc_jeton ("ApplicationId", "Status", "Subject", "Type");

CREATE INDEX "IX_oidc_jeton_AuthorizationId" ON identite.oidc_jeton ("AuthorizationId");

CREATE UNIQUE INDEX "IX_oidc_jeton_ReferenceId" ON identite.oidc_jeton ("ReferenceId");

CREATE UNIQUE INDEX "IX_oidc_portee_Name" ON identite.oidc_portee ("Name");

