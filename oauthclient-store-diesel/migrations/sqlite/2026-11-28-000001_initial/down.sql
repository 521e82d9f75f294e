DROP TABLE oauthclient_useridentity;
DROP TABLE oauthclient_remotetoken;
DROP TABLE oauthclient_remoteaccount;
DROP TABLE accounts_user;
