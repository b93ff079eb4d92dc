// canister-bench: placeholder until the bench is written
print("canister-bench: no benchmarks yet")
