CREATE TABLE "card_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"card_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content_base64" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "card_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"card_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"document_id" uuid,
	"document_type" text,
	"actor_id" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"note" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "card_events_card_seq" UNIQUE("card_id","seq")
);
--> statement-breakpoint
CREATE TABLE "card_number_sequences" (
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "card_number_sequences_pk" UNIQUE("unit_id","year")
);
--> statement-breakpoint
CREATE TABLE "card_search" (
	"card_id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"card_no" text NOT NULL,
	"search_text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"card_no" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"category_id" uuid NOT NULL,
	"spec" text,
	"brand" text,
	"serial_no" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"measure_unit" text DEFAULT '台' NOT NULL,
	"original_value_fen" bigint NOT NULL,
	"funding_source" text,
	"acquisition_method" text NOT NULL,
	"acquired_on" date NOT NULL,
	"posted_on" date,
	"in_use_on" date,
	"voucher_no" text,
	"supplier" text,
	"warranty_until" date,
	"useful_life_months" integer,
	"depreciation_method" text DEFAULT 'straight_line' NOT NULL,
	"total_workload" numeric(14, 2),
	"accumulated_depreciation_fen" bigint DEFAULT 0 NOT NULL,
	"opening_month" date,
	"opening_depreciated_months" integer,
	"recognized_on" date,
	"net_value_fen" bigint GENERATED ALWAYS AS (original_value_fen - accumulated_depreciation_fen) STORED,
	"idle_net_value_fen" bigint GENERATED ALWAYS AS (CASE WHEN status = 'idle' THEN original_value_fen - accumulated_depreciation_fen END) STORED,
	"status" text DEFAULT 'pending_posting' NOT NULL,
	"use_mode" text DEFAULT 'self_use' NOT NULL,
	"counterparty" text,
	"managing_unit_id" uuid NOT NULL,
	"using_unit_id" uuid,
	"using_department_id" uuid,
	"custodian_id" uuid,
	"room_id" uuid,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"disposed_on" date,
	"disposal_method" text,
	"source_document_id" uuid,
	"asset_kind" text DEFAULT 'fixed' NOT NULL,
	"value_type" text DEFAULT 'original' NOT NULL,
	"fiscal_funding_fen" bigint,
	"non_fiscal_funding_fen" bigint,
	"procurement_form" text,
	"asset_use" text DEFAULT 'self_use' NOT NULL,
	"manufacturer" text,
	"origin_country" text,
	"manufactured_on" date,
	"contract_no" text,
	"invoice_no" text,
	"version" integer DEFAULT 1 NOT NULL,
	"search_text" text GENERATED ALWAYS AS (lower(coalesce(card_no, '') || chr(31) || coalesce(name, '') || chr(31) || coalesce(spec, '') || chr(31) || coalesce(brand, '') || chr(31) || coalesce(serial_no, ''))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cards_card_no_unique" UNIQUE("card_no")
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"level" integer NOT NULL,
	"path" text NOT NULL,
	"useful_life_months" integer,
	"depreciable" boolean DEFAULT true NOT NULL,
	"capitalization_threshold_fen" bigint DEFAULT 100000 NOT NULL,
	"attribute_set" text DEFAULT 'none' NOT NULL,
	"measure_unit" text DEFAULT '台' NOT NULL,
	"asset_kind" text DEFAULT 'fixed' NOT NULL,
	"batch_fixed" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "categories_edition_code" UNIQUE("edition","code")
);
--> statement-breakpoint
CREATE TABLE "depreciation_card_years" (
	"card_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"unit_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"posted_on" date,
	"disposed_on" date,
	"posted_month_index" integer,
	"disposed_month_index" integer,
	"cum" bigint[] NOT NULL,
	CONSTRAINT "depreciation_card_years_card_id_year_pk" PRIMARY KEY("card_id","year")
);
--> statement-breakpoint
CREATE TABLE "depreciation_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "depreciation_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"month" date NOT NULL,
	"months" integer DEFAULT 1 NOT NULL,
	"amount_fen" bigint NOT NULL,
	"monthly_fen" bigint NOT NULL,
	"original_value_fen" bigint NOT NULL,
	"useful_life_months" integer,
	"accumulated_before_fen" bigint NOT NULL,
	"accumulated_after_fen" bigint NOT NULL,
	"method" text NOT NULL,
	"workload" numeric(14, 2),
	CONSTRAINT "depreciation_entries_run_card" UNIQUE("run_id","card_id")
);
--> statement-breakpoint
CREATE TABLE "depreciation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"month" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"card_count" integer DEFAULT 0 NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"run_by" uuid,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"digest" text,
	"entry_cards" uuid[],
	"entry_checks" bigint[],
	CONSTRAINT "depreciation_runs_unit_month" UNIQUE("unit_id","month")
);
--> statement-breakpoint
CREATE TABLE "depreciation_workloads" (
	"card_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"month" date NOT NULL,
	"workload" numeric(14, 2) NOT NULL,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "depreciation_workloads_card_month" UNIQUE("card_id","month")
);
--> statement-breakpoint
CREATE TABLE "period_reopenings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"month" date NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "unit_books" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"takeover_month" date,
	"takeover_by" uuid,
	"takeover_at" timestamp with time zone,
	"closed_through" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "income_turnovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"booked_on" date NOT NULL,
	"voucher_no" text NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "income_turnovers_amount_positive" CHECK ("income_turnovers"."amount_fen" > 0),
	CONSTRAINT "income_turnovers_booked_not_before_paid" CHECK ("income_turnovers"."booked_on" >= "income_turnovers"."paid_on")
);
--> statement-breakpoint
CREATE TABLE "count_assignments" (
	"count_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "count_assignments_count_id_room_id_pk" PRIMARY KEY("count_id","room_id")
);
--> statement-breakpoint
CREATE TABLE "count_counters" (
	"count_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"lead" boolean DEFAULT false NOT NULL,
	CONSTRAINT "count_counters_count_id_user_id_pk" PRIMARY KEY("count_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "count_documents" (
	"count_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "count_documents_count_id_document_id_pk" PRIMARY KEY("count_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "count_items" (
	"count_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"card_no" text NOT NULL,
	"name" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"room_id" uuid,
	"category_id" uuid NOT NULL,
	"custodian_id" uuid,
	"value_fen" bigint NOT NULL,
	"card_version" integer NOT NULL,
	CONSTRAINT "count_items_count_id_card_id_pk" PRIMARY KEY("count_id","card_id")
);
--> statement-breakpoint
CREATE TABLE "count_recounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"count_id" uuid NOT NULL,
	"counter_id" uuid NOT NULL,
	"blind" boolean DEFAULT true NOT NULL,
	"card_ids" uuid[] NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "count_scans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "count_scans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"count_id" uuid NOT NULL,
	"scan_key" uuid NOT NULL,
	"code" text,
	"card_id" uuid,
	"expected" boolean DEFAULT false NOT NULL,
	"room_id" uuid,
	"condition" text DEFAULT 'good' NOT NULL,
	"note" text,
	"surplus_name" text,
	"counter_id" uuid NOT NULL,
	"recount_id" uuid,
	"scanned_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "count_surplus" (
	"count_id" uuid NOT NULL,
	"scan_key" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"name" text NOT NULL,
	"value_fen" bigint NOT NULL,
	"value_basis" text NOT NULL,
	"explanation" text NOT NULL,
	"room_id" uuid,
	"registered_by" uuid NOT NULL,
	CONSTRAINT "count_surplus_count_id_scan_key_pk" PRIMARY KEY("count_id","scan_key")
);
--> statement-breakpoint
CREATE TABLE "counts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"unit_ids" uuid[] NOT NULL,
	"building_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"room_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"category_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"base_date" date NOT NULL,
	"due_date" date,
	"expected_count" integer DEFAULT 0 NOT NULL,
	"repeats_yearly" boolean DEFAULT false NOT NULL,
	"repeat_of" uuid,
	"planned_by" uuid NOT NULL,
	"started_by" uuid,
	"started_at" timestamp with time zone,
	"changes_from" timestamp with time zone,
	"snapshot_room_ids" uuid[],
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_no" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"status" text NOT NULL,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"ended_by" uuid,
	"ended_at" timestamp with time zone,
	CONSTRAINT "custody_agreements_agreement_no_unique" UNIQUE("agreement_no")
);
--> statement-breakpoint
CREATE TABLE "custody_items" (
	"agreement_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "custody_items_agreement_id_card_id_pk" PRIMARY KEY("agreement_id","card_id")
);
--> statement-breakpoint
CREATE TABLE "info_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"machine_room_id" uuid NOT NULL,
	"panel_port_id" uuid NOT NULL,
	"unit_id" uuid,
	"office_room_id" uuid,
	"office_port" text,
	"status" text NOT NULL,
	"vlan" integer,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "info_points_code_unique" UNIQUE("code"),
	CONSTRAINT "info_points_panel_port_id_unique" UNIQUE("panel_port_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"machine_room_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"category" text NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"unit" text,
	"min_value" numeric(12, 2),
	"max_value" numeric(12, 2)
);
--> statement-breakpoint
CREATE TABLE "inspection_readings" (
	"inspection_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"item_id" uuid NOT NULL,
	"category" text NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"unit" text,
	"min_value" numeric(12, 2),
	"max_value" numeric(12, 2),
	"value" numeric(12, 2),
	"ok" boolean,
	"out_of_range" boolean NOT NULL,
	"note" text,
	CONSTRAINT "inspection_readings_inspection_id_item_id_pk" PRIMARY KEY("inspection_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"machine_room_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"inspector_name" text,
	"note" text,
	"anomalies" integer DEFAULT 0 NOT NULL,
	"photo_type" text,
	"photo_base64" text
);
--> statement-breakpoint
CREATE TABLE "machine_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"place_id" uuid,
	"area_m2" numeric(10, 2) NOT NULL,
	"grade" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "machine_rooms_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "machineroom_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "net_links" (
	"link_id" uuid NOT NULL,
	"port_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "net_links_port_id_kind_pk" PRIMARY KEY("port_id","kind")
);
--> statement-breakpoint
CREATE TABLE "net_ports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"machine_room_id" uuid NOT NULL,
	"rack_id" uuid,
	"kind" text NOT NULL,
	"device" text NOT NULL,
	"port" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "om_calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "om_contract_cards" (
	"contract_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"machine_room_id" uuid NOT NULL,
	CONSTRAINT "om_contract_cards_contract_id_card_id_pk" PRIMARY KEY("contract_id","card_id")
);
--> statement-breakpoint
CREATE TABLE "om_contract_rooms" (
	"contract_id" uuid NOT NULL,
	"machine_room_id" uuid NOT NULL,
	CONSTRAINT "om_contract_rooms_contract_id_machine_room_id_pk" PRIMARY KEY("contract_id","machine_room_id")
);
--> statement-breakpoint
CREATE TABLE "om_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_no" text NOT NULL,
	"name" text NOT NULL,
	"vendor_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"sla" jsonb NOT NULL,
	"business_from" integer DEFAULT 540 NOT NULL,
	"business_to" integer DEFAULT 1080 NOT NULL,
	"inspection_schedule" jsonb DEFAULT '{"frequency":"daily","dueBy":"17:00"}'::jsonb NOT NULL,
	"scorecard_rules" jsonb DEFAULT '{"fullMarks":100,"passMark":90,"reportDueDay":5,"items":{"late_response":{"points":1,"penaltyFen":50000},"late_arrival":{"points":2,"penaltyFen":100000},"late_resolution":{"points":3,"penaltyFen":200000},"missed_inspection":{"points":2,"penaltyFen":100000},"late_report":{"points":5,"penaltyFen":300000},"false_report":{"points":2,"penaltyFen":100000}}}'::jsonb NOT NULL,
	"payment_rule" jsonb DEFAULT '{"bands":[{"minScore":95,"percent":100},{"minScore":90,"percent":95},{"minScore":80,"percent":90},{"minScore":0,"percent":80}]}'::jsonb NOT NULL,
	"availability_target_bp" integer DEFAULT 9990 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "om_contracts_contract_no_unique" UNIQUE("contract_no")
);
--> statement-breakpoint
CREATE TABLE "om_monthly_reports" (
	"contract_id" uuid NOT NULL,
	"month" date NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitter_name" text NOT NULL,
	"summary" text,
	CONSTRAINT "om_monthly_reports_contract_id_month_pk" PRIMARY KEY("contract_id","month")
);
--> statement-breakpoint
CREATE TABLE "om_scorecards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"month" date NOT NULL,
	"status" text NOT NULL,
	"full_marks" numeric(6, 1) NOT NULL,
	"pass_mark" numeric(6, 1) NOT NULL,
	"score" numeric(6, 1) NOT NULL,
	"penalty_fen" bigint NOT NULL,
	"lines" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"computed_by" uuid NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"locked_by" uuid,
	"locked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "om_statement_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"scorecard_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "om_vendor_accounts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"vendor_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "om_vendors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"contact" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "om_vendors_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "rack_rows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"machine_room_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rack_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rack_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"u_low" integer NOT NULL,
	"u_high" integer NOT NULL,
	"side" text DEFAULT 'both' NOT NULL,
	"card_id" uuid,
	"label" text,
	"power_w" integer DEFAULT 0 NOT NULL,
	"reason" text,
	"reserved_until" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "racks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"machine_room_id" uuid NOT NULL,
	"row_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"height_u" integer DEFAULT 42 NOT NULL,
	"power_budget_w" integer DEFAULT 5000 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_no" text NOT NULL,
	"contract_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"machine_room_id" uuid NOT NULL,
	"rack_id" uuid,
	"card_id" uuid,
	"point_id" uuid,
	"priority" text NOT NULL,
	"clock" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"status" text NOT NULL,
	"reported_by" uuid NOT NULL,
	"reporter_name" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"response_due" timestamp with time zone NOT NULL,
	"onsite_due" timestamp with time zone NOT NULL,
	"resolve_due" timestamp with time zone NOT NULL,
	"resolution" text,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "work_orders_order_no_unique" UNIQUE("order_no")
);
--> statement-breakpoint
CREATE TABLE "notification_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"events" text[] DEFAULT '{}'::text[] NOT NULL,
	"unit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_days" (
	"kind" text NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "notification_days_kind_day_pk" PRIMARY KEY("kind","day")
);
--> statement-breakpoint
CREATE TABLE "notification_deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notification_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"channel_id" uuid NOT NULL,
	"user_id" uuid,
	"recipient" text,
	"event" text NOT NULL,
	"title" text NOT NULL,
	"link" text,
	"body" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification_prefs" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"email" text,
	"mail_events" text[] DEFAULT '{}'::text[] NOT NULL,
	"digest_hour" integer,
	"last_digest_on" date
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid NOT NULL,
	"unit_id" uuid,
	"event" text NOT NULL,
	"title" text NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"digested_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"compound_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "buildings_compound_code" UNIQUE("compound_id","code")
);
--> statement-breakpoint
CREATE TABLE "compounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"address" text,
	CONSTRAINT "compounds_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_unit_name" UNIQUE("unit_id","name")
);
--> statement-breakpoint
CREATE TABLE "floors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "floors_building_level" UNIQUE("building_id","level")
);
--> statement-breakpoint
CREATE TABLE "room_occupants" (
	"room_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	CONSTRAINT "room_occupants_room_id_staff_id_pk" PRIMARY KEY("room_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"floor_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"compound_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text,
	"type" text DEFAULT 'office' NOT NULL,
	"usable_area" numeric(10, 2) NOT NULL,
	"unit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rooms_building_code" UNIQUE("building_id","code")
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"department_id" uuid,
	"employee_no" text,
	"name" text NOT NULL,
	"rank" text NOT NULL,
	"on_establishment" boolean DEFAULT true NOT NULL,
	"title" text,
	"phone" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_unit_employee_no" UNIQUE("unit_id","employee_no")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"kind" text DEFAULT 'unit' NOT NULL,
	"classified" boolean DEFAULT false NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"establishment_quota" integer,
	"leader_name" text,
	"finance_head_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "accountability_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"person_name" text,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"rule" text NOT NULL,
	"evidence" text NOT NULL,
	"document_id" uuid,
	"card_id" uuid,
	"occurred_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"handling" text,
	"outcome" text,
	"key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "eval_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"direction" text NOT NULL,
	"weight" integer NOT NULL,
	"best" double precision,
	"worst" double precision,
	"target" double precision,
	"tolerance" double precision,
	"from_year" integer NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eval_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"self_score" double precision NOT NULL,
	"self_comment" text,
	"snapshot" jsonb NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"review_score" double precision,
	"review_comment" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pool_disposal_lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"buyer" text NOT NULL,
	"price_fen" bigint NOT NULL,
	"pricing_basis" text NOT NULL,
	"items" bigint NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pool_listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"card_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"reason" text NOT NULL,
	"condition" text NOT NULL,
	"note" text,
	"category_id" uuid NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"net_value_fen" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'listed' NOT NULL,
	"lot_id" uuid,
	"listed_on" date NOT NULL,
	"expires_on" date,
	"listed_by" uuid,
	"closed_at" timestamp with time zone,
	"closed_on" date,
	"closed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"receipt_seq" bigint GENERATED BY DEFAULT AS IDENTITY (sequence name "pool_listings_receipt_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1)
);
--> statement-breakpoint
CREATE TABLE "pool_repairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"vendor" text NOT NULL,
	"fault" text NOT NULL,
	"estimate_fen" bigint,
	"sent_on" date NOT NULL,
	"sent_by" uuid NOT NULL,
	"outcome" text,
	"cost_fen" bigint,
	"finished_on" date,
	"finished_by" uuid,
	"note" text,
	"document_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pool_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"kind" text DEFAULT 'transfer' NOT NULL,
	"due_on" date,
	"returned_on" date,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"comment" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decided_on" date,
	"transfer_document_id" uuid,
	"net_value_fen" bigint,
	"reminded_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_filters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" text NOT NULL,
	"name" text NOT NULL,
	"filter" jsonb NOT NULL,
	"owner_id" uuid NOT NULL,
	"unit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_settings" (
	"user_id" uuid NOT NULL,
	"list_id" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_settings_user_id_list_id_pk" PRIMARY KEY("user_id","list_id")
);
--> statement-breakpoint
CREATE TABLE "category_edition_map" (
	"code_2010" text PRIMARY KEY NOT NULL,
	"code_2022" text NOT NULL,
	"note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_explanations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"month" date NOT NULL,
	"text" text NOT NULL,
	"written_by" uuid,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_explanations_unit_month" UNIQUE("unit_id","month")
);
--> statement-breakpoint
CREATE TABLE "report_filings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"month" date NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"canonical" text,
	"data_hash" text,
	"file_base64" text,
	"file_hash" text,
	"seq" integer,
	"prev_hash" text,
	"hash" text,
	CONSTRAINT "report_filings_unit_month" UNIQUE("unit_id","month"),
	CONSTRAINT "report_filings_seq" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "summary_snapshot_low_value" (
	"unit_id" uuid NOT NULL,
	"month" date NOT NULL,
	"category_id" uuid NOT NULL,
	"open_n" bigint NOT NULL,
	"open_v" bigint NOT NULL,
	"close_n" bigint NOT NULL,
	"close_v" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "summary_snapshot_moves" (
	"unit_id" uuid NOT NULL,
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"card_id" uuid NOT NULL,
	"moved_on" date NOT NULL,
	"method" text,
	"category_id" uuid NOT NULL,
	"v" bigint NOT NULL,
	"a" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "summary_snapshot_rows" (
	"unit_id" uuid NOT NULL,
	"month" date NOT NULL,
	"category_id" uuid NOT NULL,
	"acq" text,
	"disp" text,
	"open_n" integer NOT NULL,
	"open_v" bigint NOT NULL,
	"open_a" bigint NOT NULL,
	"add_n" integer NOT NULL,
	"add_v" bigint NOT NULL,
	"add_a" bigint NOT NULL,
	"up" bigint NOT NULL,
	"down" bigint NOT NULL,
	"dep" bigint NOT NULL,
	"red_n" integer NOT NULL,
	"red_v" bigint NOT NULL,
	"red_a" bigint NOT NULL,
	"close_n" integer NOT NULL,
	"close_v" bigint NOT NULL,
	"close_a" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "summary_snapshots" (
	"unit_id" uuid NOT NULL,
	"month" date NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lists" boolean DEFAULT false NOT NULL,
	CONSTRAINT "summary_snapshots_unit_id_month_pk" PRIMARY KEY("unit_id","month")
);
--> statement-breakpoint
CREATE TABLE "card_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"card_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"photo_type" text,
	"photo_base64" text,
	"reported_by" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"document_id" uuid,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"handled_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_no" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"booked_by" uuid NOT NULL,
	"person_name" text NOT NULL,
	"title" text NOT NULL,
	"attendees" integer,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	"fee_per_hour_fen" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"series_id" uuid,
	"destination" text,
	"passengers" integer,
	"driver" text,
	"odometer_out" integer,
	"odometer_in" integer,
	"trip_cost_fen" bigint,
	"fuel_litres" numeric(8, 2),
	"dispatched_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_booking_no_unique" UNIQUE("booking_no")
);
--> statement-breakpoint
CREATE TABLE "sharing_charge_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"month" date NOT NULL,
	"unit_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"bookings" integer NOT NULL,
	"minutes" integer NOT NULL,
	"km" integer DEFAULT 0 NOT NULL,
	"fee_fen" bigint NOT NULL,
	"trip_cost_fen" bigint DEFAULT 0 NOT NULL,
	"amount_fen" bigint NOT NULL,
	"settled_at" timestamp with time zone,
	"generated_by" uuid NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sharing_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"booking_id" uuid,
	"resource_id" uuid,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sharing_resource_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"base64" text NOT NULL,
	"caption" text,
	"added_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sharing_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"room_id" uuid,
	"card_id" uuid,
	"location" text,
	"capacity" integer,
	"equipment" text[] DEFAULT '{}' NOT NULL,
	"open_from" integer DEFAULT 480 NOT NULL,
	"open_to" integer DEFAULT 1080 NOT NULL,
	"open_days" integer[] DEFAULT '{1,2,3,4,5}' NOT NULL,
	"slot_minutes" integer DEFAULT 30 NOT NULL,
	"buffer_minutes" integer DEFAULT 0 NOT NULL,
	"min_notice_minutes" integer DEFAULT 0 NOT NULL,
	"max_ahead_days" integer DEFAULT 60 NOT NULL,
	"max_minutes" integer DEFAULT 480 NOT NULL,
	"needs_approval" boolean DEFAULT false NOT NULL,
	"allowed_unit_ids" uuid[],
	"allowed_roles" text[],
	"blackout_dates" date[] DEFAULT '{}' NOT NULL,
	"fee_per_hour_fen" bigint DEFAULT 0 NOT NULL,
	"checkin_grace_minutes" integer,
	"quota_period" text,
	"unit_quota_minutes" integer,
	"person_quota_minutes" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sharing_resources_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "standard_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "standard_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"standard_code" text NOT NULL,
	"jurisdiction" text NOT NULL,
	"field" text NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"effective_from" date NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"jurisdiction" text DEFAULT 'central' NOT NULL,
	"name" text NOT NULL,
	"category_codes" text[] NOT NULL,
	"match_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cap_fen" bigint,
	"rank_caps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"area_caps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"min_life_months" integer,
	"min_life_copies" integer,
	"quota" jsonb DEFAULT '{"kind":"none"}'::jsonb NOT NULL,
	"effective_from" date NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone,
	"updated_by" uuid,
	CONSTRAINT "standards_code_jurisdiction" UNIQUE("code","jurisdiction")
);
--> statement-breakpoint
CREATE TABLE "approval_chain_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_type" text NOT NULL,
	"step_no" integer NOT NULL,
	"role" text NOT NULL,
	"scope" text NOT NULL,
	"label" text NOT NULL,
	"condition" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"allow_cosign" boolean DEFAULT false NOT NULL,
	CONSTRAINT "approval_chain_steps_no" UNIQUE("document_type","step_no")
);
--> statement-breakpoint
CREATE TABLE "approval_chains" (
	"document_type" text PRIMARY KEY NOT NULL,
	"updated_at" timestamp with time zone,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "approval_delegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid,
	"delegator_id" uuid NOT NULL,
	"delegate_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid
);
--> statement-breakpoint
CREATE TABLE "document_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content_base64" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kept_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "document_comments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "document_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"document_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_cosigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"signer_id" uuid NOT NULL,
	"added_by" uuid NOT NULL,
	"added_for" uuid,
	"state" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"on_behalf_of" uuid,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "document_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "document_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"document_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"actor_id" uuid,
	"from_status" text,
	"to_status" text,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"card_id" uuid,
	"card_version" integer,
	"open" boolean DEFAULT true NOT NULL,
	"category_id" uuid,
	"name" text,
	"spec" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"unit_price_fen" bigint DEFAULT 0 NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"reason" text,
	"budget_line" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_number_sequences" (
	"prefix" text NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "document_number_sequences_pk" UNIQUE("prefix","year")
);
--> statement-breakpoint
CREATE TABLE "document_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"step_no" integer NOT NULL,
	"role" text NOT NULL,
	"scope" text NOT NULL,
	"scope_unit_id" uuid,
	"label" text NOT NULL,
	"special" boolean DEFAULT false NOT NULL,
	"allow_cosign" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"assignee_id" uuid,
	"on_behalf_of" uuid,
	"comment" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "document_steps_no" UNIQUE("document_id","step_no")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"doc_no" text NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"unit_id" uuid NOT NULL,
	"counterpart_unit_id" uuid,
	"applicant_id" uuid NOT NULL,
	"title" text,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"max_item_fen" bigint DEFAULT 0 NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"current_step" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"decided_at" timestamp with time zone,
	"executed_at" timestamp with time zone,
	"executed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_doc_no_unique" UNIQUE("doc_no")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "role_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"unit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "role_assignments_uniq" UNIQUE NULLS NOT DISTINCT("user_id","role","unit_id")
);
--> statement-breakpoint
CREATE TABLE "security_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "security_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"username" text,
	"ip" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"unit_id" uuid,
	"staff_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"unit_id" uuid,
	"created_by" uuid,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"processed" bigint DEFAULT 0 NOT NULL,
	"total" bigint,
	"message" text,
	"result" jsonb,
	"error" jsonb,
	"file_name" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"runner" text,
	"heartbeat_at" timestamp with time zone,
	"retry_of" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "operation_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "operation_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"user_name" text NOT NULL,
	"via" text NOT NULL,
	"acting_for" text,
	"unit_id" uuid,
	"object_type" text NOT NULL,
	"object_id" text,
	"object_label" text,
	"action" text NOT NULL,
	"changes" text,
	"source" text
);
--> statement-breakpoint
ALTER TABLE "card_attachments" ADD CONSTRAINT "card_attachments_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_events" ADD CONSTRAINT "card_events_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_number_sequences" ADD CONSTRAINT "card_number_sequences_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_search" ADD CONSTRAINT "card_search_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_managing_unit_id_units_id_fk" FOREIGN KEY ("managing_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_using_unit_id_units_id_fk" FOREIGN KEY ("using_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_using_department_id_departments_id_fk" FOREIGN KEY ("using_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_custodian_id_staff_id_fk" FOREIGN KEY ("custodian_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "depreciation_runs" ADD CONSTRAINT "depreciation_runs_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "depreciation_workloads" ADD CONSTRAINT "depreciation_workloads_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_reopenings" ADD CONSTRAINT "period_reopenings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_books" ADD CONSTRAINT "unit_books_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_turnovers" ADD CONSTRAINT "income_turnovers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_turnovers" ADD CONSTRAINT "income_turnovers_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "count_assignments" ADD CONSTRAINT "count_assignments_count_id_counts_id_fk" FOREIGN KEY ("count_id") REFERENCES "public"."counts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "count_counters" ADD CONSTRAINT "count_counters_count_id_counts_id_fk" FOREIGN KEY ("count_id") REFERENCES "public"."counts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "count_documents" ADD CONSTRAINT "count_documents_count_id_counts_id_fk" FOREIGN KEY ("count_id") REFERENCES "public"."counts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "count_recounts" ADD CONSTRAINT "count_recounts_count_id_counts_id_fk" FOREIGN KEY ("count_id") REFERENCES "public"."counts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "count_surplus" ADD CONSTRAINT "count_surplus_count_id_counts_id_fk" FOREIGN KEY ("count_id") REFERENCES "public"."counts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_agreements" ADD CONSTRAINT "custody_agreements_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_items" ADD CONSTRAINT "custody_items_agreement_id_custody_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."custody_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_items" ADD CONSTRAINT "custody_items_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_points" ADD CONSTRAINT "info_points_machine_room_id_machine_rooms_id_fk" FOREIGN KEY ("machine_room_id") REFERENCES "public"."machine_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_points" ADD CONSTRAINT "info_points_panel_port_id_net_ports_id_fk" FOREIGN KEY ("panel_port_id") REFERENCES "public"."net_ports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_points" ADD CONSTRAINT "info_points_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_points" ADD CONSTRAINT "info_points_office_room_id_rooms_id_fk" FOREIGN KEY ("office_room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_items" ADD CONSTRAINT "inspection_items_machine_room_id_machine_rooms_id_fk" FOREIGN KEY ("machine_room_id") REFERENCES "public"."machine_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_readings" ADD CONSTRAINT "inspection_readings_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_contract_id_om_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."om_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_machine_room_id_machine_rooms_id_fk" FOREIGN KEY ("machine_room_id") REFERENCES "public"."machine_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "machine_rooms" ADD CONSTRAINT "machine_rooms_place_id_rooms_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "net_links" ADD CONSTRAINT "net_links_port_id_net_ports_id_fk" FOREIGN KEY ("port_id") REFERENCES "public"."net_ports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "net_ports" ADD CONSTRAINT "net_ports_machine_room_id_machine_rooms_id_fk" FOREIGN KEY ("machine_room_id") REFERENCES "public"."machine_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "net_ports" ADD CONSTRAINT "net_ports_rack_id_racks_id_fk" FOREIGN KEY ("rack_id") REFERENCES "public"."racks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "om_contract_cards" ADD CONSTRAINT "om_contract_cards_contract_id_om_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."om_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "om_contract_cards" ADD CONSTRAINT "om_contract_cards_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "om_contract_cards" ADD CONSTRAINT "om_contract_cards_machine_room_id_machine_rooms_id_fk" FOREIGN KEY ("machine_room_id") REFERENCES "public"."machine_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "om_contract_rooms" ADD CONSTRAINT "om_contract_rooms_contract_id_om_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."om_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "om_contract_rooms" ADD CONSTRAINT "om_contract_rooms_machine_room_id_machine_rooms_id_fk" FOREIGN KEY ("machine_room_id") REFERENCES "public"."machine_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "om_contracts" ADD CONSTRAINT "om_contracts_vendor_id_om_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."om_vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "om_monthly_reports" ADD CONSTRAINT "om_monthly_reports_contract_id_om_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."om_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "om_scorecards" ADD CONSTRAINT "om_scorecards_contract_id_om_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."om_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "om_statement_lines" ADD CONSTRAINT "om_statement_lines_contract_id_om_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."om_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "om_statement_lines" ADD CONSTRAINT "om_statement_lines_scorecard_id_om_scorecards_id_fk" FOREIGN KEY ("scorecard_id") REFERENCES "public"."om_scorecards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "om_vendor_accounts" ADD CONSTRAINT "om_vendor_accounts_vendor_id_om_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."om_vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rack_rows" ADD CONSTRAINT "rack_rows_machine_room_id_machine_rooms_id_fk" FOREIGN KEY ("machine_room_id") REFERENCES "public"."machine_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rack_slots" ADD CONSTRAINT "rack_slots_rack_id_racks_id_fk" FOREIGN KEY ("rack_id") REFERENCES "public"."racks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rack_slots" ADD CONSTRAINT "rack_slots_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "racks" ADD CONSTRAINT "racks_machine_room_id_machine_rooms_id_fk" FOREIGN KEY ("machine_room_id") REFERENCES "public"."machine_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "racks" ADD CONSTRAINT "racks_row_id_rack_rows_id_fk" FOREIGN KEY ("row_id") REFERENCES "public"."rack_rows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_contract_id_om_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."om_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_machine_room_id_machine_rooms_id_fk" FOREIGN KEY ("machine_room_id") REFERENCES "public"."machine_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_rack_id_racks_id_fk" FOREIGN KEY ("rack_id") REFERENCES "public"."racks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_point_id_info_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."info_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "floors" ADD CONSTRAINT "floors_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_occupants" ADD CONSTRAINT "room_occupants_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_occupants" ADD CONSTRAINT "room_occupants_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_floor_id_floors_id_fk" FOREIGN KEY ("floor_id") REFERENCES "public"."floors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_records" ADD CONSTRAINT "accountability_records_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_reviews" ADD CONSTRAINT "eval_reviews_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_disposal_lots" ADD CONSTRAINT "pool_disposal_lots_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_disposal_lots" ADD CONSTRAINT "pool_disposal_lots_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_listings" ADD CONSTRAINT "pool_listings_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_listings" ADD CONSTRAINT "pool_listings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_repairs" ADD CONSTRAINT "pool_repairs_listing_id_pool_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."pool_listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_repairs" ADD CONSTRAINT "pool_repairs_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_repairs" ADD CONSTRAINT "pool_repairs_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_requests" ADD CONSTRAINT "pool_requests_listing_id_pool_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."pool_listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_requests" ADD CONSTRAINT "pool_requests_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_filters" ADD CONSTRAINT "saved_filters_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_filters" ADD CONSTRAINT "saved_filters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_settings" ADD CONSTRAINT "user_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_explanations" ADD CONSTRAINT "report_explanations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_filings" ADD CONSTRAINT "report_filings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_reports" ADD CONSTRAINT "card_reports_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_reports" ADD CONSTRAINT "card_reports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_resource_id_sharing_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."sharing_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_charge_lines" ADD CONSTRAINT "sharing_charge_lines_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_charge_lines" ADD CONSTRAINT "sharing_charge_lines_resource_id_sharing_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."sharing_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_resource_photos" ADD CONSTRAINT "sharing_resource_photos_resource_id_sharing_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."sharing_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_chain_steps" ADD CONSTRAINT "approval_chain_steps_document_type_approval_chains_document_type_fk" FOREIGN KEY ("document_type") REFERENCES "public"."approval_chains"("document_type") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_attachments" ADD CONSTRAINT "document_attachments_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_comments" ADD CONSTRAINT "document_comments_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_cosigns" ADD CONSTRAINT "document_cosigns_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_cosigns" ADD CONSTRAINT "document_cosigns_step_id_document_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."document_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_events" ADD CONSTRAINT "document_events_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_lines" ADD CONSTRAINT "document_lines_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_steps" ADD CONSTRAINT "document_steps_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_counterpart_unit_id_units_id_fk" FOREIGN KEY ("counterpart_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_attachments_card_idx" ON "card_attachments" USING btree ("card_id");--> statement-breakpoint
CREATE INDEX "card_events_document_idx" ON "card_events" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "cards_unit_status_idx" ON "cards" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "cards_category_idx" ON "cards" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "cards_custodian_idx" ON "cards" USING btree ("custodian_id");--> statement-breakpoint
CREATE INDEX "cards_room_idx" ON "cards" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "cards_department_idx" ON "cards" USING btree ("using_department_id");--> statement-breakpoint
CREATE INDEX "cards_acquired_idx" ON "cards" USING btree ("unit_id","acquired_on");--> statement-breakpoint
CREATE INDEX "cards_value_idx" ON "cards" USING btree ("unit_id","original_value_fen");--> statement-breakpoint
CREATE INDEX "categories_path_idx" ON "categories" USING btree ("path");--> statement-breakpoint
CREATE INDEX "categories_parent_idx" ON "categories" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "depreciation_card_years_year_idx" ON "depreciation_card_years" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "depreciation_entries_card_month_idx" ON "depreciation_entries" USING btree ("card_id","month");--> statement-breakpoint
CREATE INDEX "depreciation_entries_month_unit_idx" ON "depreciation_entries" USING btree ("month","unit_id");--> statement-breakpoint
CREATE INDEX "depreciation_runs_month_idx" ON "depreciation_runs" USING btree ("month");--> statement-breakpoint
CREATE INDEX "depreciation_workloads_unit_month_idx" ON "depreciation_workloads" USING btree ("unit_id","month");--> statement-breakpoint
CREATE INDEX "period_reopenings_unit_idx" ON "period_reopenings" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "income_turnovers_document_idx" ON "income_turnovers" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "income_turnovers_unit_booked_idx" ON "income_turnovers" USING btree ("unit_id","booked_on");--> statement-breakpoint
CREATE INDEX "count_assignments_user_idx" ON "count_assignments" USING btree ("count_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "count_scans_key" ON "count_scans" USING btree ("count_id","scan_key");--> statement-breakpoint
CREATE INDEX "count_scans_card_idx" ON "count_scans" USING btree ("count_id","card_id","scanned_at");--> statement-breakpoint
CREATE INDEX "counts_unit_ids_idx" ON "counts" USING gin ("unit_ids");--> statement-breakpoint
CREATE INDEX "info_points_unit_idx" ON "info_points" USING btree ("unit_id","code");--> statement-breakpoint
CREATE INDEX "info_points_room_idx" ON "info_points" USING btree ("machine_room_id","code");--> statement-breakpoint
CREATE INDEX "inspection_items_room_idx" ON "inspection_items" USING btree ("machine_room_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_once" ON "inspections" USING btree ("contract_id","machine_room_id","due_on");--> statement-breakpoint
CREATE INDEX "inspections_due_idx" ON "inspections" USING btree ("contract_id","due_at");--> statement-breakpoint
CREATE INDEX "machineroom_events_entity_idx" ON "machineroom_events" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "net_links_link_idx" ON "net_links" USING btree ("link_id");--> statement-breakpoint
CREATE UNIQUE INDEX "net_ports_name" ON "net_ports" USING btree ("machine_room_id","device","port");--> statement-breakpoint
CREATE INDEX "om_contract_cards_card_idx" ON "om_contract_cards" USING btree ("card_id");--> statement-breakpoint
CREATE UNIQUE INDEX "om_scorecards_month" ON "om_scorecards" USING btree ("contract_id","month");--> statement-breakpoint
CREATE INDEX "om_statement_lines_month" ON "om_statement_lines" USING btree ("contract_id","month");--> statement-breakpoint
CREATE INDEX "rack_slots_rack_idx" ON "rack_slots" USING btree ("rack_id","u_low");--> statement-breakpoint
CREATE INDEX "rack_slots_card_idx" ON "rack_slots" USING btree ("card_id");--> statement-breakpoint
CREATE INDEX "racks_room_idx" ON "racks" USING btree ("machine_room_id","row_id","position");--> statement-breakpoint
CREATE INDEX "work_orders_contract_idx" ON "work_orders" USING btree ("contract_id","reported_at");--> statement-breakpoint
CREATE INDEX "work_orders_unit_idx" ON "work_orders" USING btree ("unit_id","reported_at");--> statement-breakpoint
CREATE INDEX "notification_deliveries_due_idx" ON "notification_deliveries" USING btree ("next_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "notification_deliveries_channel_sent_idx" ON "notification_deliveries" USING btree ("channel_id","sent_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE read_at IS NULL;--> statement-breakpoint
CREATE INDEX "notifications_digest_idx" ON "notifications" USING btree ("user_id") WHERE digested_at IS NULL;--> statement-breakpoint
CREATE INDEX "room_occupants_staff_idx" ON "room_occupants" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "rooms_unit_idx" ON "rooms" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "rooms_floor_idx" ON "rooms" USING btree ("floor_id");--> statement-breakpoint
CREATE INDEX "staff_unit_idx" ON "staff" USING btree ("unit_id","department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accountability_key_uniq" ON "accountability_records" USING btree ("key") WHERE key IS NOT NULL;--> statement-breakpoint
CREATE INDEX "accountability_unit_idx" ON "accountability_records" USING btree ("unit_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "eval_indicators_code_year" ON "eval_indicators" USING btree ("code","from_year");--> statement-breakpoint
CREATE UNIQUE INDEX "eval_reviews_unit_year" ON "eval_reviews" USING btree ("unit_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_disposal_lots_document_uniq" ON "pool_disposal_lots" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "pool_disposal_lots_unit_idx" ON "pool_disposal_lots" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_listings_receipt_seq_uniq" ON "pool_listings" USING btree ("receipt_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_listings_listed_card_uniq" ON "pool_listings" USING btree ("card_id") WHERE status = 'listed';--> statement-breakpoint
CREATE INDEX "pool_listings_status_idx" ON "pool_listings" USING btree ("status","listed_on","id");--> statement-breakpoint
CREATE INDEX "pool_listings_category_idx" ON "pool_listings" USING btree ("category_id","status");--> statement-breakpoint
CREATE INDEX "pool_listings_match_idx" ON "pool_listings" USING btree ("category_id","net_value_fen" DESC NULLS LAST) WHERE status = 'listed';--> statement-breakpoint
CREATE INDEX "pool_listings_unit_idx" ON "pool_listings" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "pool_listings_lot_idx" ON "pool_listings" USING btree ("lot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_repairs_open_uniq" ON "pool_repairs" USING btree ("listing_id") WHERE outcome IS NULL;--> statement-breakpoint
CREATE INDEX "pool_repairs_unit_idx" ON "pool_repairs" USING btree ("unit_id","finished_on");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_requests_approved_uniq" ON "pool_requests" USING btree ("listing_id") WHERE status = 'approved';--> statement-breakpoint
CREATE UNIQUE INDEX "pool_requests_pending_uniq" ON "pool_requests" USING btree ("listing_id","unit_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "pool_requests_unit_idx" ON "pool_requests" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "saved_filters_owner_idx" ON "saved_filters" USING btree ("owner_id","list_id");--> statement-breakpoint
CREATE INDEX "saved_filters_unit_idx" ON "saved_filters" USING btree ("unit_id","list_id");--> statement-breakpoint
CREATE INDEX "summary_snapshot_low_value_unit_month_idx" ON "summary_snapshot_low_value" USING btree ("unit_id","month");--> statement-breakpoint
CREATE INDEX "summary_snapshot_moves_unit_month_idx" ON "summary_snapshot_moves" USING btree ("unit_id","month","kind");--> statement-breakpoint
CREATE INDEX "summary_snapshot_rows_unit_month_idx" ON "summary_snapshot_rows" USING btree ("unit_id","month");--> statement-breakpoint
CREATE INDEX "card_reports_unit_open_idx" ON "card_reports" USING btree ("unit_id","kind") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "card_reports_card_idx" ON "card_reports" USING btree ("card_id","created_at");--> statement-breakpoint
CREATE INDEX "bookings_unit_idx" ON "bookings" USING btree ("unit_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_resource_idx" ON "bookings" USING btree ("resource_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_series_idx" ON "bookings" USING btree ("series_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sharing_charge_lines_key" ON "sharing_charge_lines" USING btree ("month","unit_id","resource_id");--> statement-breakpoint
CREATE INDEX "sharing_charge_lines_unit_idx" ON "sharing_charge_lines" USING btree ("unit_id","month");--> statement-breakpoint
CREATE INDEX "sharing_events_booking_idx" ON "sharing_events" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "sharing_resource_photos_resource_idx" ON "sharing_resource_photos" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "approval_delegations_delegate_idx" ON "approval_delegations" USING btree ("delegate_id","starts_on");--> statement-breakpoint
CREATE INDEX "approval_delegations_delegator_idx" ON "approval_delegations" USING btree ("delegator_id");--> statement-breakpoint
CREATE INDEX "document_attachments_document_idx" ON "document_attachments" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "document_comments_document_idx" ON "document_comments" USING btree ("document_id","id");--> statement-breakpoint
CREATE INDEX "document_cosigns_document_idx" ON "document_cosigns" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "document_cosigns_pending_uniq" ON "document_cosigns" USING btree ("step_id") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "document_events_document_idx" ON "document_events" USING btree ("document_id","id");--> statement-breakpoint
CREATE INDEX "document_lines_document_idx" ON "document_lines" USING btree ("document_id","line_no");--> statement-breakpoint
CREATE UNIQUE INDEX "document_lines_open_card_uniq" ON "document_lines" USING btree ("card_id") WHERE open AND card_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "document_lines_card_idx" ON "document_lines" USING btree ("card_id");--> statement-breakpoint
CREATE INDEX "documents_unit_type_idx" ON "documents" USING btree ("unit_id","type","status");--> statement-breakpoint
CREATE INDEX "documents_counterpart_idx" ON "documents" USING btree ("counterpart_unit_id");--> statement-breakpoint
CREATE INDEX "documents_status_idx" ON "documents" USING btree ("status","current_step");--> statement-breakpoint
CREATE INDEX "security_events_at_idx" ON "security_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "security_events_user_idx" ON "security_events" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_unit_idx" ON "users" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "jobs_status_idx" ON "jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "jobs_creator_idx" ON "jobs" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE INDEX "operation_log_user_at_idx" ON "operation_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "operation_log_unit_at_idx" ON "operation_log" USING btree ("unit_id","at");--> statement-breakpoint
CREATE INDEX "operation_log_object_idx" ON "operation_log" USING btree ("object_type","object_id");--> statement-breakpoint
CREATE INDEX "operation_log_at_idx" ON "operation_log" USING btree ("at");