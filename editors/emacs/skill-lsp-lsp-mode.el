;;; skill-lsp-lsp-mode.el --- skill-lsp through lsp-mode  -*- lexical-binding: t; -*-

;; Package-Requires: ((emacs "28.1") (lsp-mode "8.0"))
;; Keywords: languages, tools

;;; Commentary:

;; lsp-mode runs several servers per buffer, so skill-lsp is registered as an add-on next to your
;; language's own server:
;;
;;   (add-to-list 'load-path "/path/to/skill-lsp/editors/emacs")
;;   (require 'skill-lsp-lsp-mode)
;;   (skill-lsp-lsp-mode-setup)
;;   (add-hook 'python-mode-hook #'lsp-deferred)
;;
;; Roots: lsp-mode asks once per project which folder to import (or, with
;; `lsp-auto-guess-root', takes project.el's).  Import the repository root (where `.git' is;
;; without one the folder with `.skill-lsp.yaml'), not a sub-folder with an `AGENTS.md': M-x
;; `skill-lsp-root' shows it.  skill-lsp's own cache files (prompts, answers) are never activated.
;; Settings: `skill-lsp-settings' (shared with the eglot set-up), sent as initializationOptions.
;; Not tested here yet: the test suite does not install lsp-mode (Debian's elpa-lsp-mode).

;;; Code:

(require 'cl-lib)

(defvar skill-lsp-command)
(defvar skill-lsp-settings)
(declare-function skill-lsp-attachable-p "skill-lsp")
(declare-function skill-lsp-root "skill-lsp")
(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")

(defun skill-lsp-lsp-mode--activate (file _mode)
  "Activate for FILE unless it is one of skill-lsp's own cache files."
  (and file (with-current-buffer (or (get-file-buffer file) (current-buffer))
              (skill-lsp-attachable-p))))

;;;###autoload
(defun skill-lsp-lsp-mode-setup ()
  "Register skill-lsp as an lsp-mode add-on client for every file buffer."
  (interactive)
  (require 'skill-lsp)
  (require 'lsp-mode)
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection (lambda () skill-lsp-command))
    :activation-fn #'skill-lsp-lsp-mode--activate
    :add-on? t
    :priority -1
    :server-id 'skill-lsp
    :initialization-options (lambda () (or skill-lsp-settings (make-hash-table))))))

(provide 'skill-lsp-lsp-mode)
;;; skill-lsp-lsp-mode.el ends here
