'use strict';

const express = require('express');
const bodyParser = require('body-parser'); // expect: nodejs-backend-patterns/body-parser
const fs = require('node:fs');
const { readFile } = require('node:fs/promises');
const path = require('node:path');
const { exec, execFile } = require('node:child_process');

const TEMPLATES = path.join(__dirname, '..', 'templates');
const DEFAULT_TEMPLATE = fs.readFileSync(path.join(TEMPLATES, 'default.html'), 'utf8'); // near: nodejs-backend-patterns/sync-fs-in-handler

const router = express.Router();
router.use(express.json({ limit: '100kb' })); // near: nodejs-backend-patterns/body-parser
router.use(bodyParser.urlencoded({ extended: false }));

router.get('/legacy/:name', async (req, res) => {
  const body = fs.readFileSync(path.join(TEMPLATES, path.basename(req.params.name)), 'utf8'); // expect: nodejs-backend-patterns/sync-fs-in-handler
  res.send(body || DEFAULT_TEMPLATE);
});

router.get('/:name', async (req, res) => {
  const body = await readFile(path.join(TEMPLATES, path.basename(req.params.name)), 'utf8'); // near: nodejs-backend-patterns/sync-fs-in-handler
  res.send(body);
});

router.post('/render-legacy', (req, res) => {
  exec(`convert ${req.body.file} out.png`, () => res.sendStatus(202)); // expect: nodejs-backend-patterns/exec-template
});

router.post('/render', (req, res) => {
  execFile('convert', [path.basename(req.body.file), 'out.png'], { timeout: 10000 }, () => res.sendStatus(202)); // near: nodejs-backend-patterns/exec-template
});

router.post('/decode', (req, res) => {
  const legacy = new Buffer(req.body.token, 'base64'); // expect: nodejs-backend-patterns/new-buffer
  const token = Buffer.from(req.body.token, 'base64'); // near: nodejs-backend-patterns/new-buffer
  res.json({ same: legacy.equals(token) });
});

router.use((err, req, res, next) => {
  if (req.path.startsWith('/legacy')) {
    res.status(500).send(err.stack); // expect: nodejs-backend-patterns/leak-error
    return;
  }
  req.log.error({ err }, 'unhandled error');
  res.status(500).json({ title: 'Internal error' }); // near: nodejs-backend-patterns/leak-error
});

module.exports = router;
