-- Substring search (Chinese names, employee numbers, room codes) uses trigram indexes: a
-- leading-wildcard ILIKE cannot use a b-tree. Idempotent: applied after every migrate.
CREATE INDEX IF NOT EXISTS staff_name_trgm ON staff USING gin (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS staff_employee_no_trgm ON staff USING gin (employee_no gin_trgm_ops);
CREATE INDEX IF NOT EXISTS rooms_code_trgm ON rooms USING gin (code gin_trgm_ops);
CREATE INDEX IF NOT EXISTS units_name_trgm ON units USING gin (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS users_display_name_trgm ON users USING gin (display_name gin_trgm_ops);
