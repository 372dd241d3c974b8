# SPDX-License-Identifier: Apache-2.0
"""The phone as a camera: a small upload page served by the laptop while the user asks.

``receiver.PhoneReceiver`` is the session and its HTTP server (stdlib only, no Qt),
used by the finding dialog's 用手机拍照 and by ``fieldcheck photo receive``;
``handler`` answers the phone's requests, ``upload`` is one picked file so far;
``addresses`` finds the laptop's addresses a phone can reach, most likely first.
See docs/phone.md.
"""
