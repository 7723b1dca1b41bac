-- Argo CD health of a LambdaScalingExperiment (lambdascaling.io/v1alpha1), from its status:
-- Healthy once Completed (Ready=True); Progressing while Pending, Provisioning, Running or
-- Analyzing, and until the operator has observed the current spec; Degraded when Failed or when
-- the budget ran out (BudgetExhausted=True); Suspended while suspended.
-- The same text is in argocd-cm.yaml; deploy/argocd's test runs it against sample statuses.
local hs = {}
local s = obj.status
if s == nil or s.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to pick the experiment up"
  return hs
end

local function condition(type)
  if s.conditions ~= nil then
    for _, c in ipairs(s.conditions) do
      if c.type == type then
        return c
      end
    end
  end
  return nil
end

local function progress()
  if s.progressPercent ~= nil then
    return " (" .. tostring(s.progressPercent) .. "%)"
  end
  return ""
end

local generation = obj.metadata.generation
if generation ~= nil and (s.observedGeneration == nil or s.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local budget = condition("BudgetExhausted")
if budget ~= nil and budget.status == "True" then
  hs.status = "Degraded"
  hs.message = budget.message or "The budget is exhausted"
  return hs
end
if s.phase == "Failed" then
  local reason = condition("InvalidSpec")
  if reason == nil or reason.status ~= "True" then
    reason = condition("Ready")
  end
  hs.status = "Degraded"
  hs.message = (reason ~= nil and reason.message) or "Failed"
  return hs
end
if s.phase == "Suspended" then
  hs.status = "Suspended"
  hs.message = "Suspended" .. progress()
  return hs
end
local ready = condition("Ready")
if s.phase == "Completed" or (ready ~= nil and ready.status == "True") then
  hs.status = "Healthy"
  hs.message = (ready ~= nil and ready.message) or "Completed"
  return hs
end
if s.phase == "Pending" or s.phase == "Provisioning" or s.phase == "Running" or s.phase == "Analyzing" then
  hs.status = "Progressing"
  hs.message = s.phase .. progress()
  return hs
end
hs.status = "Unknown"
hs.message = "Unknown phase " .. tostring(s.phase)
return hs
