// Function-tool names as @openai/agents-core derives them (handoffs become `transfer_to_<name>`).

/** Every character outside [a-zA-Z0-9] becomes `_`, as `toFunctionToolName` does. */
export function toolName(name: string): string {
  const out = name.replace(/[^a-zA-Z0-9]/g, '_');
  if (!out) throw new Error('a tool name cannot be empty');
  return out;
}
