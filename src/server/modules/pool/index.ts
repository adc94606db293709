// The pool module's surface: what other modules may use. Everything not exported here is private.
