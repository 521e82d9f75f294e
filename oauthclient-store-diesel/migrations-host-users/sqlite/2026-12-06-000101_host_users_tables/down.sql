DROP TABLE oauthclient_pendingsignup;
DROP TABLE oauthclient_useridentity;
DROP TABLE oauthclient_remotetoken;
DROP TABLE oauthclient_remoteaccount;
