-- Dusangire payments schema, version 1. Runs unchanged on PostgreSQL and H2 (regular or
-- PostgreSQL mode). ${table_prefix} is a Flyway placeholder (default pay_) so these tables can
-- live beside a host's own. Timestamps are TIMESTAMP WITH TIME ZONE and always written in UTC;
-- amounts are exact NUMERIC(19,4) and read back at the currency's own scale.

CREATE TABLE ${table_prefix}payments (
    id                      UUID           NOT NULL,
    order_reference         VARCHAR(255)   NOT NULL,
    idempotency_key         VARCHAR(255)   NOT NULL,
    amount                  NUMERIC(19, 4) NOT NULL,
    currency                CHAR(3)        NOT NULL,
    method                  VARCHAR(32)    NOT NULL,
    payer_msisdn            VARCHAR(32),
    payer_email             VARCHAR(320),
    payer_name              VARCHAR(100),
    description             VARCHAR(1000),
    status                  VARCHAR(32)    NOT NULL,
    gateway_name            VARCHAR(64)    NOT NULL,
    provider_reference      VARCHAR(255)   NOT NULL,
    provider_transaction_id VARCHAR(255),
    callback_token          VARCHAR(255),
    payment_link            VARCHAR(2048),
    last_gateway_response   TEXT,
    failure_reason          TEXT,
    outcome_unknown         BOOLEAN        NOT NULL,
    refunded_amount         NUMERIC(19, 4) NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 BIGINT         NOT NULL,
    claimed_until           TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ${table_prefix}payments_pk PRIMARY KEY (id),
    CONSTRAINT ${table_prefix}payments_idempotency_uk UNIQUE (idempotency_key),
    CONSTRAINT ${table_prefix}payments_provider_ref_uk UNIQUE (gateway_name, provider_reference)
);

-- reconciliation scans pending payments by age; listings go newest first
CREATE INDEX ${table_prefix}payments_status_updated_ix ON ${table_prefix}payments (status, updated_at);
CREATE INDEX ${table_prefix}payments_created_ix ON ${table_prefix}payments (created_at);

CREATE TABLE ${table_prefix}payment_history (
    payment_id     UUID         NOT NULL,
    seq            INTEGER      NOT NULL,
    from_status    VARCHAR(32),
    to_status      VARCHAR(32)  NOT NULL,
    changed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    change_trigger VARCHAR(32)  NOT NULL,
    detail         TEXT,
    CONSTRAINT ${table_prefix}payment_history_pk PRIMARY KEY (payment_id, seq),
    CONSTRAINT ${table_prefix}payment_history_payment_fk FOREIGN KEY (payment_id)
        REFERENCES ${table_prefix}payments (id)
);

CREATE TABLE ${table_prefix}inbox (
    gateway_name      VARCHAR(64)  NOT NULL,
    event_key         VARCHAR(255) NOT NULL,
    payment_reference VARCHAR(255),
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    payload           TEXT,
    processed_at      TIMESTAMP WITH TIME ZONE,
    outcome           VARCHAR(255),
    CONSTRAINT ${table_prefix}inbox_uk UNIQUE (gateway_name, event_key)
);

CREATE INDEX ${table_prefix}inbox_received_ix ON ${table_prefix}inbox (received_at);
