"""Pluggable pricing policies.

Each policy is a frozen value whose ``price(request)`` returns invoice lines; see
:class:`PricingPolicy` for writing your own.
"""

from licensing.policies.base import PricingPolicy, PricingRequest
from licensing.policies.changes import ProRatedChanges, RateChange
from licensing.policies.discounted import Discounted
from licensing.policies.phased import PhasedPlan
from licensing.policies.postpaid import PostPaidPeakUsage
from licensing.policies.postponed import PostponedBilling
from licensing.policies.prepaid import PrePaidFixed
from licensing.policies.prorated import PlanChange, ProRatedAddOn, ProRatedPlanChange
from licensing.policies.recurring import RecurringCharge
from licensing.policies.timeweighted import TimeWeightedUsage
from licensing.policies.trial import TrialPeriod

__all__ = [
    "Discounted",
    "PhasedPlan",
    "PlanChange",
    "PostPaidPeakUsage",
    "PostponedBilling",
    "PrePaidFixed",
    "PricingPolicy",
    "PricingRequest",
    "ProRatedAddOn",
    "ProRatedChanges",
    "ProRatedPlanChange",
    "RateChange",
    "RecurringCharge",
    "TimeWeightedUsage",
    "TrialPeriod",
]
