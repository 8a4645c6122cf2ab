"""A latentcheck process generator: the ring of 8 Gaussians, from latents z ~ N(0, I_d), d >= 4.

latentcheck writes each batch of latents to stdin as one .npy array and reads one .npy array
with a row per latent from stdout; stdin closes after the last batch. Needs numpy only.
"""
import sys
from types import SimpleNamespace

import numpy as np


def generate(z):
    angle = np.arctan2(z[:, 1], z[:, 0])              # uniform on (-pi, pi] when z ~ N(0, I)
    mode = np.floor((angle + np.pi) / (np.pi / 4)) % 8  # so each of the 8 modes has weight 1/8
    centre = 2.0 * np.stack([np.cos(mode * np.pi / 4), np.sin(mode * np.pi / 4)], axis=1)
    return (centre + 0.02 * z[:, 2:4]).astype(np.float32)


stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
pipe = SimpleNamespace(read=stdin.read)  # read() only, so numpy never tries to seek the pipe
while stdin.peek(1):                       # empty once latentcheck closes stdin
    z = np.lib.format.read_array(pipe)
    np.lib.format.write_array(stdout, generate(z))
    stdout.flush()
