// The machine-rooms module offers nothing to other modules yet: it is reached through its routes,
// its demo seed and its bench command.
export {};
