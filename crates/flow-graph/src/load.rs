//! Loaders for console exports, `DescribeContactFlow` output, module exports and stdin.
