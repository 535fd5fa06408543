'use strict';

const { stopServer } = require('../../scripts/lib/server');

module.exports = () => stopServer(globalThis.__E2E_SERVER__);
