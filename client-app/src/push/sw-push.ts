// Web Push handlers: filled by the push work.
export {}
