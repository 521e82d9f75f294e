DROP TABLE oauthclient_pendingsignup;
