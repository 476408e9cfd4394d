"""Use cases: what each command does, from the files a user names to the text or files it gets back.

The stages below (ingest → normalizers → extractors → checker → outputs, and the
store) each do one job on models; this layer collects inputs, runs the stages in
order, in parallel where it pays, shows progress and writes the results. The
command line only parses arguments and calls a function here.
"""
