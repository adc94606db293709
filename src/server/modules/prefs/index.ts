// The prefs module's surface: nothing for other modules.
export {};
