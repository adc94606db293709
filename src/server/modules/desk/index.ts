// The desk module's surface: nothing for other modules (it only reads theirs).
export {};
