;;; e2e.el --- batch test of editors/emacs/skill-lsp.el with eglot  -*- lexical-binding: t; -*-

;; emacs -q --batch -l tests/editors/emacs/e2e.el
;; (-q, not -Q: the elpa-eglot package's site-lisp must be on the load path.)
;;
;; Starts the fake agent, opens a Python file of a scratch workspace with skill-lsp as its eglot
;; server (SKILL_LSP_BIN), and checks: eglot connects; the tip diagnostic reaches flymake; the
;; hover names the skill section; skill-lsp.skillsForFile lists the test skill; `skill-lsp-ask' on
;; the region of `load' rewrites it through the fake agent.  Prints one line per check and
;; "N passed, N failed"; exits 1 on any failure.

;;; Code:

(require 'cl-lib)
(require 'json)

(defvar e2e-root
  (file-name-directory
   (directory-file-name
    (file-name-directory
     (directory-file-name
      (file-name-directory (directory-file-name (file-name-directory load-file-name))))))))

(defvar e2e-bin (let ((b (or (getenv "SKILL_LSP_BIN") "target/debug/skill-lsp")))
                  (expand-file-name b e2e-root)))
(defvar e2e-passed 0)
(defvar e2e-failed 0)
(defvar e2e-tmp (make-temp-file "skill-lsp-emacs-e2e" t))
(defvar e2e-fake nil)
(defvar e2e-port nil)

(defun e2e-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defmacro e2e-check (name &rest body)
  (declare (indent 1))
  `(condition-case err
       (progn ,@body
              (setq e2e-passed (1+ e2e-passed))
              (e2e-out "ok   - %s" ,name)
              t)
     (error (setq e2e-failed (1+ e2e-failed))
            (e2e-out "FAIL - %s: %s" ,name (error-message-string err))
            nil)))

(defun e2e-wait (what pred &optional secs)
  "Process events until PRED is non-nil or SECS (default 15) pass; error with WHAT."
  (let ((deadline (+ (float-time) (or secs 15))))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or (funcall pred) (error "Timed out waiting for %s" what))))

(defun e2e-finish ()
  (when (process-live-p e2e-fake) (delete-process e2e-fake))
  (ignore-errors (let ((s (eglot-current-server))) (when s (eglot-shutdown s))))
  (delete-directory e2e-tmp t)
  (e2e-out "emacs e2e: %d passed, %d failed" e2e-passed e2e-failed)
  (e2e-out "%d passed, %d failed" e2e-passed e2e-failed)
  (kill-emacs (if (> e2e-failed 0) 1 0)))

;; Count the progress messages skill-lsp.el shows for $/progress.
(defvar e2e-progress 0)
(advice-add 'message :before
            (lambda (fmt &rest _)
              (when (and (stringp fmt) (string-prefix-p "skill-lsp: %s%s" fmt))
                (setq e2e-progress (1+ e2e-progress)))))

(setq eglot-confirm-server-initiated-edits nil ; apply the agent's rewrite without a prompt
      eglot-sync-connect 10
      eglot-autoshutdown t
      make-backup-files nil)

(e2e-check "eglot and skill-lsp.el load"
  (require 'eglot)
  (load (expand-file-name "editors/emacs/skill-lsp.el" e2e-root) nil t)
  (unless (file-executable-p e2e-bin) (error "Server binary not executable: %s" e2e-bin)))

;; The fake agent prints "PORT n" first.
(setq e2e-fake
      (make-process :name "fake-agent" :buffer (get-buffer-create "*fake-agent*")
                    :command (list "python3" (expand-file-name "tests/editors/fake_agent.py" e2e-root)
                                   "--max-seconds" "120")
                    :connection-type 'pipe :noquery t))
(e2e-check "fake agent started"
  (e2e-wait "the fake agent port"
            (lambda () (with-current-buffer "*fake-agent*"
                         (goto-char (point-min))
                         (when (re-search-forward "PORT \\([0-9]+\\)" nil t)
                           (setq e2e-port (match-string 1)))))
            10))

(let* ((ws (expand-file-name "ws/" e2e-tmp))
       (file (expand-file-name "app/loader.py" ws)))
  (make-directory (expand-file-name ".git" ws) t)
  (make-directory (expand-file-name "app" ws) t)
  (with-temp-file file
    (insert "import json\n\n\nclass LoadError(Exception):\n    pass\n\n\n"
            "def load(path):\n    try:\n        with open(path) as f:\n            return json.load(f)\n"
            "    except Exception:\n        pass\n\n\nif __name__ == \"__main__\":\n    print(load(\"data.json\"))\n"))
  (setq skill-lsp-command (list e2e-bin "serve")
        skill-lsp-modes '(python-mode)
        skill-lsp-settings
        `(:skills (:builtin :json-false :userFolders :json-false
                   :paths ,(vector (expand-file-name "tests/editors/fixtures/skills" e2e-root)))
          :tips (:debounceMs 50)
          :agent (:provider "openai" :endpoint ,(format "http://127.0.0.1:%s/v1" e2e-port)
                  :model "fake-model" :retries 0)))
  (setenv "HOME" (expand-file-name "home" e2e-tmp))
  (setenv "XDG_CONFIG_HOME" (expand-file-name "config" e2e-tmp))
  (skill-lsp-setup)
  (find-file file)
  (python-mode)

  (e2e-check "eglot connects to skill-lsp"
    (eglot-ensure)
    ;; eglot-ensure defers to post-command-hook; run that by hand in batch.
    (run-hooks 'post-command-hook)
    (e2e-wait "the eglot server" (lambda () (eglot-current-server)) 20)
    (unless (cl-typep (eglot-current-server) 'skill-lsp-server)
      (error "The server is not a skill-lsp-server")))

  (e2e-check "root: .git first, a nested AGENTS.md does not become the root; the project is that root"
    (make-directory (expand-file-name "backend" ws) t)
    (with-temp-file (expand-file-name "backend/AGENTS.md" ws) (insert "# Backend\n"))
    (with-temp-file (expand-file-name "backend/api.py" ws) (insert "x = 1\n"))
    (let ((root (skill-lsp-root (expand-file-name "backend/api.py" ws))))
      (unless (equal root (file-name-as-directory ws)) (error "root %S, not %S" root ws)))
    (with-current-buffer (find-file-noselect (expand-file-name "backend/api.py" ws))
      (python-mode)
      (let ((proj (project-current)))
        (unless (and proj (equal (file-name-as-directory (expand-file-name (project-root proj)))
                                 (file-name-as-directory ws)))
          (error "project root %S" (and proj (project-root proj)))))
      (kill-buffer))
    ;; No .git: .skill-lsp.yaml above wins over a nearer AGENTS.md.
    (let ((plain (expand-file-name "plain/" e2e-tmp)))
      (make-directory (expand-file-name "sub" plain) t)
      (with-temp-file (expand-file-name ".skill-lsp.yaml" plain) (insert "{}\n"))
      (with-temp-file (expand-file-name "sub/AGENTS.md" plain) (insert "# Sub\n"))
      (let ((root (skill-lsp-root (expand-file-name "sub/a.py" plain))))
        (unless (equal root plain) (error "root %S, not %S" root plain)))))

  (e2e-check "skill-lsp-ensure does not start on skill-lsp's own cache files"
    (let* ((cache (skill-lsp-cache-dir))
           (prompt (expand-file-name "prompts/loader-prompt.md" cache)))
      (make-directory (file-name-directory prompt) t)
      (with-temp-file prompt (insert "# prompt\n"))
      (with-current-buffer (find-file-noselect prompt)
        (when (skill-lsp-attachable-p) (error "%s counts as attachable" prompt))
        (kill-buffer)))
    (unless (skill-lsp-attachable-p) (error "the source file is not attachable")))

  (e2e-check "tip diagnostic reaches flymake"
    (e2e-wait "a flymake diagnostic with the tip id"
              (lambda ()
                (flymake-start)
                (cl-some (lambda (d) (string-match-p "e2e-python-errors/blind-except"
                                                     (flymake-diagnostic-text d)))
                         (flymake-diagnostics)))))

  (e2e-check "hover shows the skill section"
    (goto-char (point-min))
    (re-search-forward "except Exception")
    (let* ((res (jsonrpc-request (eglot-current-server) :textDocument/hover
                                 (eglot--TextDocumentPositionParams)))
           (contents (plist-get res :contents))
           (text (if (stringp contents) contents (format "%S" contents))))
      (unless (string-match-p "Never swallow exceptions" text)
        (error "Hover lacks the section: %s" text))))

  (e2e-check "skill-lsp.skillsForFile lists the test skill with reasons"
    (let ((skills (skill-lsp-skills-for-buffer)))
      (unless (cl-some (lambda (s) (and (equal (plist-get s :name) "e2e-python-errors")
                                        (> (length (plist-get s :reasons)) 0)))
                       skills)
        (error "Not listed: %S" skills))))

  (e2e-check "skill-lsp-ask rewrites the region through the fake agent"
    (goto-char (point-min))
    (re-search-forward "^def load")
    (beginning-of-line)
    (let ((beg (point)))
      (re-search-forward "^        pass\n")
      (set-mark beg)
      (activate-mark)
      (transient-mark-mode 1)
      (skill-lsp-ask "Keep the cause")
      (deactivate-mark))
    (e2e-wait "the rewrite"
              (lambda () (save-excursion
                           (goto-char (point-min))
                           (search-forward "raise LoadError(path) from exc" nil t)))
              30)
    (when (save-excursion (goto-char (point-min)) (search-forward "except Exception:" nil t))
      (error "The blanket except is still there:\n%s" (buffer-string))))

  (e2e-check "skill-lsp-explain opens the explanation (window/showDocument) and $/progress is handled"
    ;; The rewrite above left `except (OSError, ...)` here: explain that.
    (let ((source (current-buffer))
          (progress-before e2e-progress))
      (goto-char (point-min))
      (re-search-forward "^    except")
      (beginning-of-line)
      (set-mark (point))
      (forward-line 2)
      (activate-mark)
      (skill-lsp-explain)
      (deactivate-mark)
      (e2e-wait "a buffer with the agent's explanation"
                (lambda () (cl-some (lambda (b)
                                      (and (not (eq b source))
                                           (buffer-file-name b)
                                           (string-match-p "\\.md\\'" (buffer-file-name b))
                                           (with-current-buffer b
                                             (save-excursion
                                               (goto-char (point-min))
                                               (search-forward "FAKE-AGENT-REPLY" nil t)))))
                                    (buffer-list)))
                30)
      (unless (> e2e-progress progress-before)
        (error "No $/progress was shown")))))

(e2e-finish)

;;; e2e.el ends here
