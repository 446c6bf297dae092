/// A self-signed certificate (its own CA, for IP 127.0.0.1, valid until 2126) and its key, made
/// once with `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 36500
/// -addext subjectAltName=IP:127.0.0.1 -addext basicConstraints=critical,CA:TRUE`, for the fake
/// OpenSearch server's TLS. Test material only: it guards nothing.
enum TestCertificate {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBsjCCAVmgAwIBAgIUXazR0nNUhAUgmgjzPBwwFkLCUAcwCgYIKoZIzj0EAwIw
        HzEdMBsGA1UEAwwUd2VpciB0ZXN0IG9wZW5zZWFyY2gwIBcNMjYxMTIxMTExOTMw
        WhgPMjEyNjEwMjgxMTE5MzBaMB8xHTAbBgNVBAMMFHdlaXIgdGVzdCBvcGVuc2Vh
        cmNoMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEkyWrtzhU1S0eBBfdnAGhobn/
        ne3LI6NgViG6LPtZk7bQ+QvadmqOxI1KQTTx0DNNo+CdK/GfxNPjJJAFf+NeB6Nx
        MG8wHQYDVR0OBBYEFIpbbmMuOA2qhG61skrJKGdBMehHMB8GA1UdIwQYMBaAFIpb
        bmMuOA2qhG61skrJKGdBMehHMA8GA1UdEQQIMAaHBH8AAAEwDwYDVR0TAQH/BAUw
        AwEB/zALBgNVHQ8EBAMCAoQwCgYIKoZIzj0EAwIDRwAwRAIgZtaI9FFbCwK4wftH
        rL72zRvP6Dr7PgqVpMOHA47qPSoCIBAAFD4uD9PjXoDsAGOqpNqTnZc8bgJ821oU
        r6U2DKCI
        -----END CERTIFICATE-----
        """

    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg2CgSV+hD+h0A6lby
        F+9IEM8/pX0TcXpE1Dw7Hyx2iluhRANCAASTJau3OFTVLR4EF92cAaGhuf+d7csj
        o2BWIbos+1mTttD5C9p2ao7EjUpBNPHQM02j4J0r8Z/E0+MkkAV/414H
        -----END PRIVATE KEY-----
        """
}
