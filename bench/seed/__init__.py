"""
Regency-scale fake data for the benchmark: `python -m bench.seed --help`.

common.py writes rows through the model fields with COPY; run.py makes the accounts and calls each
service's generator (ktp.py, perizinan.py, koordinasi.py). The service apps know nothing of it.
"""
