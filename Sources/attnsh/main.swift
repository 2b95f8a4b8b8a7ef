import AttnTerminal
print("attnsh")
