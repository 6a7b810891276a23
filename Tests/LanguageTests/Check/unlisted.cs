# An API newer than the catalog is sent as typed, with a warning (issue 11).
quotaFutureReport account=admin
quotaFutureReport account=admin
